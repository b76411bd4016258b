#!/usr/bin/env bash
# Measure only the ask row against the floor, back to back, on a glossary bench/run.sh (or
# bench/generate.py) already made: the same servers, body and wrk settings as run.sh.
#
#   DB_NAME=glossary_bench ROUNDS=3 bash bench/ask.sh
#
# Each round: wrk on POST /api/v1/ask/ (server cache off, ask not throttled), then wrk on the
# floor app. Prints requests/s of both, their ratio, and the RSS of each app worker after the
# round. Everything listens on 127.0.0.1 only; the servers it starts are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_NAME=${DB_NAME:-glossary_bench}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
SLUGS=${SLUGS:-bench/results/slugs.txt}
APP_PORT=${APP_PORT:-8099}
FLOOR_PORT=${FLOOR_PORT:-8098}
RESULTS=bench/results
mkdir -p "$RESULTS"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
WRK_ARGS=(-t2 -c16 "-d${DURATION}s" --timeout 10s --latency)

STARTED=()
cleanup() {
  local pid
  for pid in ${STARTED[@]+"${STARTED[@]}"}; do
    kill -QUIT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

start() {  # start PORT APP [VAR=value ...]: gunicorn, 2 sync workers, as bench/run.sh starts it
  local port=$1 app=$2
  shift 2
  env -u REDIS_URL "$@" .venv/bin/gunicorn --workers 2 --worker-class sync --bind "127.0.0.1:$port" \
    --log-level warning "$app" >>"$RESULTS/gunicorn-ask.log" 2>&1 &
  STARTED+=("$!")
  LAST_PID=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && return 0
    sleep 0.2
  done
  echo "gunicorn on $port did not start" >&2
  exit 1
}

requests_per_second() { awk '/^Requests\/sec:/ {print $2}' "$1"; }

COUNT=$(wc -l <"$SLUGS")
FIXED_SLUG=$(sed -n "$(((COUNT + 1) / 2))p" "$SLUGS")
FIXED_NAME=$(psql -h 127.0.0.1 -U postgres -d "$DB_NAME" -qAt -c \
  "SELECT name FROM terms_termversion WHERE slug = '$FIXED_SLUG' AND live_until IS NULL LIMIT 1")
export ASK_BODY="{\"question\": \"When should I use $FIXED_NAME?\", \"term\": \"$FIXED_SLUG\"}"

start "$APP_PORT" glossary_cms.wsgi DEBUG=0 SECRET_KEY="$SECRET_KEY" ALLOWED_HOSTS=127.0.0.1 API_THROTTLE_ANON= \
  API_THROTTLE_ASK= LOG_LEVEL=WARNING GLOSSARY_SERVER_CACHE=0 DATABASE_URL="$DATABASE_URL"
APP_PID=$LAST_PID
curl -fsS --max-time 30 -o "$RESULTS/floor-body.json" "http://127.0.0.1:$APP_PORT/api/v1/terms/$FIXED_SLUG/"
start "$FLOOR_PORT" bench.floor_app:application FLOOR_BODY_FILE="$PWD/$RESULTS/floor-body.json"
echo "ask body: $ASK_BODY"
curl -s --max-time 30 -H 'Content-Type: application/json' --data "$ASK_BODY" "http://127.0.0.1:$APP_PORT/api/v1/ask/"
echo

for round in $(seq "$ROUNDS"); do
  wrk "${WRK_ARGS[@]}" -s bench/ask.lua "http://127.0.0.1:$APP_PORT/api/v1/ask/" >"$RESULTS/wrk-ask-$round.txt"
  rss=$(ps -o rss= --ppid "$APP_PID" | tr -s ' \n' ' ')
  wrk "${WRK_ARGS[@]}" "http://127.0.0.1:$FLOOR_PORT/api/v1/terms/$FIXED_SLUG/" >"$RESULTS/wrk-ask-floor-$round.txt"
  ask=$(requests_per_second "$RESULTS/wrk-ask-$round.txt")
  floor=$(requests_per_second "$RESULTS/wrk-ask-floor-$round.txt")
  errors=$(grep -h -E "Non-2xx|Socket errors" "$RESULTS/wrk-ask-$round.txt" | tr '\n' ' ' || true)
  p50=$(awk '$1 == "50%" {print $2}' "$RESULTS/wrk-ask-$round.txt")
  printf 'round %s: ask %s req/s (p50 %s) %s| floor %s req/s | %.2f%% of the floor | app worker RSS KB: %s\n' \
    "$round" "$ask" "$p50" "$errors" "$floor" "$(echo "100 * $ask / $floor" | bc -l)" "$rss"
done
