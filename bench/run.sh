#!/usr/bin/env bash
# Benchmark the delivery API under gunicorn with wrk, against a floor (a bare WSGI app
# serving the same bytes), on a fresh PostgreSQL database filled by bench/generate.py.
#
#   bash bench/run.sh                 # 10,000 terms
#   TERMS=2000 DURATION=10 bash bench/run.sh
#
# Everything runs on 127.0.0.1 only. Results: bench/results/latest.md (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

TERMS=${TERMS:-10000}
DURATION=${DURATION:-15}              # seconds per wrk run
SEARCH_Q=${SEARCH_Q:-tokenizer}       # a word of the generator's vocabulary
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}       # a response slower than this counts as a timeout
WARM_ALL=${WARM_ALL:-1}               # 1: also measure rotating detail after caching every slug
QUIET_WAIT=${QUIET_WAIT:-120}         # seconds to wait for other load to stop before each wrk run
APP_PORT=8099
FLOOR_PORT=8098
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
DB_NAME=glossary_bench
REDIS_DB=5
RESULTS=bench/results
PY=.venv/bin/python
GUNICORN=.venv/bin/gunicorn
export DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB_NAME"
# Production settings refuse to start without a real key: a random one for this run.
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
WRK_ARGS=(-t2 -c16 "-d${DURATION}s" --timeout "$WRK_TIMEOUT" --latency)
# Settings of every app server: production-like, nothing throttled, quiet logs.
APP_ENV=(
  DEBUG=0
  SECRET_KEY="$SECRET_KEY"
  ALLOWED_HOSTS=127.0.0.1
  API_THROTTLE_ANON=
  API_THROTTLE_ASK=
  LOG_LEVEL=WARNING
  DATABASE_URL="$DATABASE_URL"
)

psql_() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt "$@"; }
log() { printf '\n== %s\n' "$*"; }

# --- Processes we start, and how they end --------------------------------------------
SERVER_PID=""
STARTED_PIDS=()

stop_server() {
  local pid=$1 workers
  kill -0 "$pid" 2>/dev/null || return 0
  workers=$(pgrep -P "$pid" || true)
  kill -QUIT "$pid" 2>/dev/null || true   # gunicorn: quick shutdown of master and workers
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then  # still up after 10 s: force it, and the workers it had
    for stray in $pid $workers; do kill -KILL "$stray" 2>/dev/null || true; done
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in ${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}; do stop_server "$pid"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {  # start_server NAME PORT APP [VAR=value ...]: gunicorn, 2 sync workers
  local name=$1 port=$2 app=$3
  shift 3
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    echo "Something already answers on 127.0.0.1:$port; stop it first." >&2
    exit 1
  fi
  env -u REDIS_URL "$@" "$GUNICORN" --workers 2 --worker-class sync --bind "127.0.0.1:$port" \
    --log-level warning "$app" >>"$RESULTS/gunicorn-$name.log" 2>&1 &
  SERVER_PID=$!
  STARTED_PIDS+=("$SERVER_PID")
  for _ in $(seq 100); do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "gunicorn ($name) did not start; see $RESULTS/gunicorn-$name.log" >&2
  exit 1
}

worker_rss() {  # worker_rss NAME: RSS in KB of each worker of the running server
  local rss
  rss=$(ps -o rss= --ppid "$SERVER_PID" | tr -s ' \n' ' ')
  printf '%s\t%s\n' "$1" "$rss" >>"$RESULTS/rss.tsv"
  echo "worker RSS ($1): $rss KB"
}

wait_database_idle() {  # queries of requests wrk gave up on may still run in PostgreSQL
  local busy
  for _ in $(seq 120); do
    busy=$(psql_ -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB_NAME' AND state = 'active'")
    [ "$busy" = "0" ] && return 0
    sleep 0.5
  done
  echo "PostgreSQL still busy with $busy queries on $DB_NAME after 60s; cancelling them."
  psql_ -d postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = '$DB_NAME' AND state = 'active'" >/dev/null
}

cpu_busy() {  # percent of the machine's CPU time that was busy during one second
  local before after idle total=0 i
  read -r -a before < <(grep '^cpu ' /proc/stat)
  sleep 1
  read -r -a after < <(grep '^cpu ' /proc/stat)
  idle=$((after[4] + after[5] - before[4] - before[5]))
  for i in 1 2 3 4 5 6 7 8; do total=$((total + after[i] - before[i])); done
  echo $((total > 0 ? 100 * (total - idle) / total : 0))
}

wait_quiet() {  # other processes share this machine: wait (bounded) until the CPUs are idle
  local busy waited=0
  busy=$(cpu_busy)
  while [ "$busy" -gt 10 ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
    busy=$(cpu_busy)
    waited=$((waited + 1))
  done
  [ "$busy" -gt 10 ] && echo "warning: CPUs still $busy% busy after ${QUIET_WAIT}s; measuring anyway" >&2
  echo "$busy"
}

bench() {  # bench KEY LABEL PORT PATH [wrk args]: one bounded wrk run, recorded for the report
  # PATH may contain {slug}: then the wrk script (-s bench/rotate.lua) picks the slugs.
  local key=$1 label=$2 port=$3 path=$4 body_bytes busy_before busy_after
  shift 4
  # BENCH_BODY_BYTES: the body size measured by the caller (a POST row cannot be sized with a GET).
  body_bytes=${BENCH_BODY_BYTES:-$(curl -gs -o /dev/null --max-time 60 -w '%{size_download}' \
    "http://127.0.0.1:$port${path//\{slug\}/$FIXED_SLUG}")}
  busy_before=$(wait_quiet)
  log "$label: $path (CPUs $busy_before% busy before)"
  timeout --signal=KILL $((DURATION + 30)) wrk "${WRK_ARGS[@]}" "$@" "http://127.0.0.1:$port${path%%\{slug\}*}" \
    | tee "$RESULTS/wrk-$key.txt"
  busy_after=$(cpu_busy)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$path" "$body_bytes" "$busy_before" "$busy_after" \
    >>"$RESULTS/runs.tsv"
}

# --- Tools and services --------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "Installing wrk"
  apt-get update -qq && apt-get install -y -qq wrk
fi
test -x "$PY" || make setup
pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || { echo "PostgreSQL is not up on $PG_HOST:$PG_PORT" >&2; exit 1; }
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis is not up on 127.0.0.1:6379" >&2; exit 1; }

mkdir -p "$RESULTS"
rm -f "$RESULTS"/wrk-*.txt "$RESULTS"/gunicorn-*.log "$RESULTS"/runs.tsv "$RESULTS"/rss.tsv "$RESULTS"/meta.txt
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# --- A fresh database with TERMS published terms -------------------------------------
log "Fresh database $DB_NAME"
psql_ -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)"
psql_ -d postgres -c "CREATE DATABASE $DB_NAME"
"$PY" manage.py migrate --noinput -v0

log "Generating $TERMS terms"
DJANGO_SETTINGS_MODULE=glossary_cms.settings "$PY" bench/generate.py --terms "$TERMS" \
  --slugs-file "$RESULTS/slugs.txt" | tee "$RESULTS/generate.log"
# No collectstatic: the API answers JSON and never touches static files (only /admin/
# and /api/v1/docs/ do), and STATIC_ROOT lies outside bench/.

SLUG_COUNT=$(wc -l <"$RESULTS/slugs.txt")
FIXED_SLUG=$(sed -n "$(((SLUG_COUNT + 1) / 2))p" "$RESULTS/slugs.txt")
SEARCH_MATCHES=$(psql_ -d "$DB_NAME" -c "SELECT count(*) FROM terms_termversion WHERE live_until IS NULL AND
  (name ILIKE '%$SEARCH_Q%' OR aliases_text ILIKE '%$SEARCH_Q%' OR short_definition ILIKE '%$SEARCH_Q%'
   OR body_text ILIKE '%$SEARCH_Q%')")

log "EXPLAIN ANALYZE of the benchmarked endpoints' queries"
"$PY" bench/explain.py --slug "$FIXED_SLUG" --q "$SEARCH_Q" --out "$RESULTS/explain.txt" 2>/dev/null \
  | tee "$RESULTS/explain-summary.txt"
wait_database_idle

# --- Uncached: every request runs the view -------------------------------------------
log "gunicorn, server cache off"
start_server app "$APP_PORT" glossary_cms.wsgi "${APP_ENV[@]}" GLOSSARY_SERVER_CACHE=0
curl -fsS --max-time 30 -o "$RESULTS/floor-body.json" "http://127.0.0.1:$APP_PORT/api/v1/terms/$FIXED_SLUG/"
export WRK_SLUGS="$RESULTS/slugs.txt"
bench detail "term detail, rotating slugs" "$APP_PORT" "/api/v1/terms/{slug}/" -s bench/rotate.lua
bench list "list, page 50" "$APP_PORT" "/api/v1/terms/?page=50"
bench index "A–Z index" "$APP_PORT" "/api/v1/index/"
worker_rss "app, server cache off, after detail, list and index"
bench search "search" "$APP_PORT" "/api/v1/search/?q=$SEARCH_Q"
# Ask: a reader's question on the fixed term's page, naming that term (a POST: never cached).
FIXED_NAME=$(psql_ -d "$DB_NAME" -c "SELECT name FROM terms_termversion WHERE slug = '$FIXED_SLUG' AND live_until IS NULL LIMIT 1")
export ASK_BODY="{\"question\": \"When should I use $FIXED_NAME?\", \"term\": \"$FIXED_SLUG\"}"
ask_bytes=$(curl -s -o /dev/null --max-time 60 -w '%{size_download}' -H 'Content-Type: application/json' \
  --data "$ASK_BODY" "http://127.0.0.1:$APP_PORT/api/v1/ask/")
BENCH_BODY_BYTES=$ask_bytes bench ask "ask" "$APP_PORT" "/api/v1/ask/" -s bench/ask.lua
worker_rss "app, server cache off, after search and ask too"
stop_server "$SERVER_PID"
wait_database_idle

# --- Server-side cache in Redis ------------------------------------------------------
log "gunicorn, server cache on (Redis db $REDIS_DB)"
redis-cli -h 127.0.0.1 -p 6379 -n "$REDIS_DB" FLUSHDB >/dev/null
start_server app-cached "$APP_PORT" glossary_cms.wsgi "${APP_ENV[@]}" GLOSSARY_SERVER_CACHE=1 \
  REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
bench cached-fixed "term detail, server cache, one slug" "$APP_PORT" "/api/v1/terms/$FIXED_SLUG/"
bench cached-rotating "term detail, server cache, rotating slugs" "$APP_PORT" "/api/v1/terms/{slug}/" \
  -s bench/rotate.lua
if [ "$WARM_ALL" = "1" ]; then
  log "Caching the detail of every slug"
  warm_started=$(date +%s)
  # One curl config line pair per slug: fetch it, throw the body away; four at a time.
  awk -v base="http://127.0.0.1:$APP_PORT/api/v1/terms/" '{ printf "url = \"%s%s/\"\noutput = \"/dev/null\"\n", base, $0 }' \
    "$RESULTS/slugs.txt" >"$RESULTS/warm.curlrc"
  timeout 900 curl -s --parallel --parallel-max 4 --max-time 30 -K "$RESULTS/warm.curlrc" || true
  echo "warmed $SLUG_COUNT slugs in $(($(date +%s) - warm_started))s"
  bench cached-warm "term detail, server cache warm, rotating slugs" "$APP_PORT" "/api/v1/terms/{slug}/" \
    -s bench/rotate.lua
fi
# Lists, the index and search as a site serves them (server cache on, its default):
# every list page and every word of the generator's vocabulary, each asked once first.
seq 1 $(((SLUG_COUNT + 19) / 20)) >"$RESULTS/pages.txt"
"$PY" -c 'import ast, sys; tree = ast.parse(open("bench/generate.py").read())
text = next(n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "_VOCABULARY_TEXT")
print("\n".join(dict.fromkeys(text.split())))' >"$RESULTS/words.txt"
warm_list() {  # warm_list PREFIX FILE: ask for PREFIX<line> once per line, four at a time
  awk -v base="http://127.0.0.1:$APP_PORT$1" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", base, $0 }' \
    "$2" >"$RESULTS/warm.curlrc"
  timeout 900 curl -s --parallel --parallel-max 4 --max-time 60 -K "$RESULTS/warm.curlrc" || true
}
warm_list "/api/v1/terms/?page=" "$RESULTS/pages.txt"
WRK_SLUGS="$RESULTS/pages.txt" WRK_PREFIX="/api/v1/terms/?page=" WRK_SUFFIX="" \
  bench cached-list "list, server cache, rotating pages" "$APP_PORT" "/api/v1/terms/?page=50" -s bench/rotate.lua
bench cached-index "A–Z index, server cache" "$APP_PORT" "/api/v1/index/"
warm_list "/api/v1/search/?q=" "$RESULTS/words.txt"
WRK_SLUGS="$RESULTS/words.txt" WRK_PREFIX="/api/v1/search/?q=" WRK_SUFFIX="" \
  bench cached-search "search, server cache, rotating words" "$APP_PORT" "/api/v1/search/?q=$SEARCH_Q" \
  -s bench/rotate.lua
worker_rss "app, server cache on"
stop_server "$SERVER_PID"
wait_database_idle

# --- The floor -----------------------------------------------------------------------
log "gunicorn, floor app"
start_server floor "$FLOOR_PORT" bench.floor_app:application FLOOR_BODY_FILE="$PWD/$RESULTS/floor-body.json"
bench floor "floor (bare WSGI, same bytes)" "$FLOOR_PORT" "/api/v1/terms/$FIXED_SLUG/"
worker_rss "floor app"
stop_server "$SERVER_PID"

cat >"$RESULTS/meta.txt" <<EOF
- Run: $started_at to $(date -u +%Y-%m-%dT%H:%M:%SZ) (UTC); \`TERMS=$TERMS DURATION=$DURATION bash bench/run.sh\`
- Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM;
  PostgreSQL $(psql_ -d postgres -c 'SHOW server_version' | cut -d' ' -f1), Redis $(redis-cli -h 127.0.0.1 info server | grep -m1 redis_version | cut -d: -f2 | tr -d '\r'),
  Python $("$PY" -c 'import platform; print(platform.python_version())'), $("$GUNICORN" --version)
- Data: $SLUG_COUNT live terms. $(grep '^Done:' "$RESULTS/generate.log" || true)
- Search word \`$SEARCH_Q\` appears in $SEARCH_MATCHES of the live terms.
- Servers: gunicorn, 2 sync workers, 127.0.0.1, DEBUG=0, nothing throttled; wrk ${WRK_ARGS[*]}.
EOF
if grep -h "WORKER TIMEOUT" "$RESULTS"/gunicorn-*.log >/dev/null 2>&1; then
  echo "- gunicorn killed workers that ran past its 30 s timeout ($(grep -c "WORKER TIMEOUT" "$RESULTS"/gunicorn-app.log || true) in the uncached server)." >>"$RESULTS/meta.txt"
fi
"$PY" bench/report.py "$RESULTS"
