#!/usr/bin/env bash
# Redirect throughput and latency: our redirector (with tracker-api behind it, clicks shipped) against
# a bare Javalin baseline that only does a map lookup and a 302, measured side by side in one run.
# Also reports each service's start-up time (process start to a healthy /health or first 302).
# usage: bench/redirect-load.sh [seconds-per-run] [connections] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
CONNECTIONS="${2:-32}"
ROUNDS="${3:-2}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
./mvnw -q -DskipTests package

WORK="$(mktemp -d)"
TRACKER_PORT=17170 REDIRECTOR_PORT=18180 BASELINE_PORT=18181
ADMIN="bench-admin-$RANDOM$RANDOM"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  mkdir -p bench/last-run && cp "$WORK"/*.log bench/last-run/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

millis() { date +%s%3N; }
wait_for() { # url expected-status
  for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" == "$2" ]] && return 0
    sleep 0.02
  done
  echo "timed out waiting for $1" >&2; exit 1
}

t0=$(millis)
TRACKER_PORT=$TRACKER_PORT TRACKER_DB="$WORK/tracker.db" TRACKER_ADMIN_KEY="$ADMIN" \
  TRACER_PUBLIC_BASE_URL="http://127.0.0.1:$REDIRECTOR_PORT" java -jar tracker-api/target/tracker-api.jar >"$WORK/tracker.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$TRACKER_PORT/health" 200
tracker_start=$(( $(millis) - t0 ))

api() { curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }
KEY=$(api -X POST "http://127.0.0.1:$TRACKER_PORT/api/keys" -d '{"scopes":["redirector"]}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
api -X PUT "http://127.0.0.1:$TRACKER_PORT/api/jobs/bench" -d '{"company":"Bench Corp"}' >/dev/null
TOKEN=$(api -X POST "http://127.0.0.1:$TRACKER_PORT/api/links" \
  -d '{"job_id":"bench","source_path":"p1","destination_url":"https://github.com/jane"}' | sed -E 's/.*"tracking_id":"([^"]+)".*/\1/')

t0=$(millis)
REDIRECTOR_PORT=$REDIRECTOR_PORT TRACKER_API_URL="http://127.0.0.1:$TRACKER_PORT" TRACKER_API_KEY="$KEY" \
  java -jar redirector/target/redirector.jar >"$WORK/redirector.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$REDIRECTOR_PORT/cv/$TOKEN" 302
redirector_start=$(( $(millis) - t0 ))

t0=$(millis)
java -cp redirector/target/redirector.jar bench/Baseline.java $BASELINE_PORT "$TOKEN" https://github.com/jane >"$WORK/baseline.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$BASELINE_PORT/cv/$TOKEN" 302
baseline_start=$(( $(millis) - t0 ))

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "start-up (process start to first good answer): tracker-api ${tracker_start} ms, redirector ${redirector_start} ms (to first 302), baseline ${baseline_start} ms"

redirects=1  # the start-up probe above
run() { # name url seconds
  wrk -t2 -c"$CONNECTIONS" -d"${3}s" --latency "$2" >"$WORK/wrk.out"
  awk -v name="$1" '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {non=$4}
    END {printf "%-10s req/s %10s   p50 %8s   p99 %8s   non-302 %s\n", name, rps, p50, p99, (non ? non : 0)}' "$WORK/wrk.out"
  if [[ "$1" == redirector* ]]; then
    redirects=$(( redirects + $(awk '/requests in/ {print $1}' "$WORK/wrk.out") ))
  fi
}
# Warm both JITs first, then alternate so that machine noise hits both alike.
run baseline-warm "http://127.0.0.1:$BASELINE_PORT/cv/$TOKEN" 5 >/dev/null
run redirector-warm "http://127.0.0.1:$REDIRECTOR_PORT/cv/$TOKEN" 5 >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round ($CONNECTIONS connections, ${SECONDS_PER_RUN}s each):"
  run baseline "http://127.0.0.1:$BASELINE_PORT/cv/$TOKEN" "$SECONDS_PER_RUN"
  run redirector "http://127.0.0.1:$REDIRECTOR_PORT/cv/$TOKEN" "$SECONDS_PER_RUN"
done

# Every redirect answered must become exactly one stored click.
for _ in $(seq 1 100); do
  pending=$(curl -s "http://127.0.0.1:$REDIRECTOR_PORT/health" | sed -E 's/.*"clicks_pending":([0-9]+).*/\1/')
  [[ "$pending" == 0 ]] && break
  sleep 0.5
done
clicks=$(api "http://127.0.0.1:$TRACKER_PORT/api/link-tracking/analytics/$TOKEN" | sed -E 's/.*"total_clicks":([0-9]+).*/\1/')
echo "redirects answered: $redirects; clicks stored by tracker-api: $clicks (pending at the edge: $pending)"
echo "redirector RSS after the runs: $(( $(awk '/VmRSS/{print $2}' /proc/${pids[1]}/status) / 1024 )) MiB"
