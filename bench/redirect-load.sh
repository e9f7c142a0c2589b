#!/usr/bin/env bash
# Redirect throughput and latency: our redirector (with tracker-api behind it, clicks shipped) against
# a bare Javalin baseline that only does a map lookup and a 302, measured side by side in one run.
# Also reports each service's start-up time (process start to a healthy /health or first 302).
# usage: [TRACKER_NICE=10] [WARMUP_SECONDS=10] [EDGE_JAVA_OPTS=...] [REDIRECTOR_JAVA_OPTS=...] [TRACKER_JAVA_OPTS=...] bench/redirect-load.sh [seconds-per-run] [connections] [rounds]
# EDGE_JAVA_OPTS go to both the redirector and the baseline (default: the redirector's recommended
# flags, as start.sh uses them); REDIRECTOR_JAVA_OPTS and TRACKER_JAVA_OPTS to one service only (a profiler, say).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
EDGE_JAVA_OPTS="${EDGE_JAVA_OPTS:--XX:+UseParallelGC -Xmx256m}"
CONNECTIONS="${2:-32}"
ROUNDS="${3:-2}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
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
# TRACKER_NICE=10 runs tracker-api at a lower CPU priority, as if it had its own machine: clicks then
# wait in the outbox while the redirector is busy and are ingested when the CPU is free.
tracker_command=(java ${TRACKER_JAVA_OPTS:-} -jar tracker-api/target/tracker-api.jar)
if [[ -n "${TRACKER_NICE:-}" ]]; then tracker_command=(nice -n "$TRACKER_NICE" "${tracker_command[@]}"); fi
TRACKER_PORT=$TRACKER_PORT TRACKER_DB="$WORK/tracker.db" TRACKER_ADMIN_KEY="$ADMIN" \
  TRACER_PUBLIC_BASE_URL="http://127.0.0.1:$REDIRECTOR_PORT" "${tracker_command[@]}" >"$WORK/tracker.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$TRACKER_PORT/health" 200
tracker_start=$(( $(millis) - t0 ))

api() { curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }
KEY=$(api -X POST "http://127.0.0.1:$TRACKER_PORT/api/keys" -d '{"scopes":["redirector"]}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
api -X PUT "http://127.0.0.1:$TRACKER_PORT/api/jobs/bench" -d '{"company":"Bench Corp"}' >/dev/null
TOKEN=$(api -X POST "http://127.0.0.1:$TRACKER_PORT/api/links" \
  -d '{"job_id":"bench","source_path":"p1","destination_url":"https://github.com/jane"}' | sed -E 's/.*"tracking_id":"([^"]+)".*/\1/')

t0=$(millis)
# Rate limiting off: every request comes from one load generator on 127.0.0.1. The outbox is on, as always.
REDIRECTOR_PORT=$REDIRECTOR_PORT TRACKER_API_URL="http://127.0.0.1:$TRACKER_PORT" TRACKER_API_KEY="$KEY" \
  REDIRECTOR_DATA_DIR="$WORK/edge" REDIRECTOR_RATE_LIMIT=0 \
  java $EDGE_JAVA_OPTS ${REDIRECTOR_JAVA_OPTS:-} -jar redirector/target/redirector.jar >"$WORK/redirector.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$REDIRECTOR_PORT/cv/$TOKEN" 302
redirector_start=$(( $(millis) - t0 ))

t0=$(millis)
java $EDGE_JAVA_OPTS -cp redirector/target/redirector.jar bench/Baseline.java $BASELINE_PORT "$TOKEN" https://github.com/jane >"$WORK/baseline.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$BASELINE_PORT/cv/$TOKEN" 302
baseline_start=$(( $(millis) - t0 ))

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); redirector and baseline JVM flags: $EDGE_JAVA_OPTS"
echo "start-up (process start to first good answer): tracker-api ${tracker_start} ms, redirector ${redirector_start} ms (to first 302), baseline ${baseline_start} ms"

redirects=1  # the start-up probe above
# wrk prints latencies as 412.00us / 3.58ms / 1.20s; this turns them into microseconds.
micros() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /ms$/) n *= 1000; else if (v ~ /[0-9]s$/) n *= 1000000; print n }'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # name url seconds
  local tracker_before redirector_before baseline_before requests
  tracker_before=$(cpu_ticks "${pids[0]}"); redirector_before=$(cpu_ticks "${pids[1]}"); baseline_before=$(cpu_ticks "${pids[2]}")
  wrk -t2 -c"$CONNECTIONS" -d"${3}s" --latency "$2" >"$WORK/wrk.out"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  p50=$(awk '/^ +50%/ {print $2}' "$WORK/wrk.out")
  p99=$(awk '/^ +99%/ {print $2}' "$WORK/wrk.out")
  non=$(awk '/Non-2xx/ {print $4}' "$WORK/wrk.out")
  printf "%-10s req/s %10s   p50 %8s   p99 %8s   non-302 %s\n" "$1" "$rps" "$p50" "$p99" "${non:-0}"
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
  if [[ "$1" == redirector* ]]; then
    local edge_ticks=$(( $(cpu_ticks "${pids[1]}") - redirector_before )) tracker_ticks=$(( $(cpu_ticks "${pids[0]}") - tracker_before ))
    echo "           CPU: redirector $(( edge_ticks / ${3} ))% of a core, $(( edge_ticks * 10000 / requests )) us per redirect;" \
      "tracker-api $(( tracker_ticks / ${3} ))%, $(( tracker_ticks * 10000 / requests )) us per click"
    redirects=$(( redirects + requests ))
    echo "           ratio to baseline: throughput $(awk -v a="$rps" -v b="$base_rps" 'BEGIN {printf "%.2f", a / b}')x," \
      "p99 $(awk -v a="$(micros "$p99")" -v b="$(micros "$base_p99")" 'BEGIN {printf "%.2f", a / b}')x"
  else
    local base_ticks=$(( $(cpu_ticks "${pids[2]}") - baseline_before ))
    echo "           CPU: baseline $(( base_ticks / ${3} ))% of a core, $(( base_ticks * 10000 / requests )) us per redirect"
    base_rps=$rps
    base_p99=$p99
  fi
}
# Warm both JITs first, then alternate so that machine noise hits both alike.
run baseline-warm "http://127.0.0.1:$BASELINE_PORT/cv/$TOKEN" "$WARMUP_SECONDS" >/dev/null
run redirector-warm "http://127.0.0.1:$REDIRECTOR_PORT/cv/$TOKEN" "$WARMUP_SECONDS" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round ($CONNECTIONS connections, ${SECONDS_PER_RUN}s each):"
  run baseline "http://127.0.0.1:$BASELINE_PORT/cv/$TOKEN" "$SECONDS_PER_RUN"
  run redirector "http://127.0.0.1:$REDIRECTOR_PORT/cv/$TOKEN" "$SECONDS_PER_RUN"
done

# Every redirect answered must become exactly one stored click.
for _ in $(seq 1 600); do
  pending=$(curl -s "http://127.0.0.1:$REDIRECTOR_PORT/health" | sed -E 's/.*"clicks_pending":([0-9]+).*/\1/')
  [[ "$pending" == 0 ]] && break
  sleep 0.5
done
clicks=$(api "http://127.0.0.1:$TRACKER_PORT/api/link-tracking/analytics/$TOKEN?include_bots=true" | sed -E 's/.*"total_clicks":([0-9]+).*/\1/')
echo "redirects answered: $redirects; clicks stored by tracker-api: $clicks (pending at the edge: $pending)"
echo "redirector RSS after the runs: $(( $(awk '/VmRSS/{print $2}' /proc/${pids[1]}/status) / 1024 )) MiB"
# wrk does not count the last in-flight request of each connection, so up to one per connection per
# redirector run (the warm-up and each round) may be stored without being counted.
runs=$(( 1 + ROUNDS ))
dropped=$(curl -s "http://127.0.0.1:$REDIRECTOR_PORT/health" | sed -E 's/.*"clicks_dropped":([0-9]+).*/\1/')
echo "clicks dropped by a full outbox: $dropped"
if ! [[ "$clicks" =~ ^[0-9]+$ && "$pending" =~ ^[0-9]+$ && "$dropped" =~ ^[0-9]+$ ]]; then
  echo "FAIL: could not read the click counts (clicks: $clicks; pending: $pending; dropped: $dropped)" >&2
  exit 1
fi
if (( pending != 0 || dropped != 0 || clicks < redirects || clicks > redirects + CONNECTIONS * runs )); then
  echo "FAIL: every redirect answered must become exactly one stored click" >&2
  exit 1
fi
