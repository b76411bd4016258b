-- wrk script: every request asks for a random slug from the file in $WRK_SLUGS (one a line),
-- as $WRK_PREFIX .. slug .. $WRK_SUFFIX (default /api/v1/terms/<slug>/); the same script
-- rotates list pages (?page=N) and search words (?q=word). Each thread has its own fixed
-- seed, so a run's sequence of slugs is the same every time.
local slugs = {}
for line in io.lines(os.getenv("WRK_SLUGS")) do
  if line ~= "" then
    slugs[#slugs + 1] = line
  end
end
local prefix = os.getenv("WRK_PREFIX") or "/api/v1/terms/"
local suffix = os.getenv("WRK_SUFFIX") or "/"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(7919 * thread_number)
end

function request()
  return wrk.format("GET", prefix .. slugs[math.random(#slugs)] .. suffix)
end
