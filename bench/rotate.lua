-- wrk script: every request asks for a random slug from the file in $WRK_SLUGS (one a line),
-- under the path prefix in $WRK_PREFIX (default /api/v1/terms/). Each thread has its own
-- fixed seed, so a run's sequence of slugs is the same every time.
local slugs = {}
for line in io.lines(os.getenv("WRK_SLUGS")) do
  if line ~= "" then
    slugs[#slugs + 1] = line
  end
end
local prefix = os.getenv("WRK_PREFIX") or "/api/v1/terms/"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(7919 * thread_number)
end

function request()
  return wrk.format("GET", prefix .. slugs[math.random(#slugs)] .. "/")
end
