#!/usr/bin/env bash
# Builds Tracer Links and starts tracker-api and the redirector locally on SQLite, then prints the
# admin key, the URLs and a first curl to try. Ctrl-C stops both. Data and logs live in ./data.
set -euo pipefail
cd "$(dirname "$0")"
# Job control: the services run in process groups of their own, so Ctrl-C reaches this script only, and it
# stops them in order (the redirector first, so it can hand its last clicks to tracker-api).
set -m

for tool in java curl; do
  command -v "$tool" >/dev/null || { echo "start.sh: $tool is needed (Debian: apt-get install openjdk-17-jdk-headless curl)" >&2; exit 1; }
done

export TRACKER_PORT="${TRACKER_PORT:-7070}"
export REDIRECTOR_PORT="${REDIRECTOR_PORT:-8080}"
export TRACKER_DB="${TRACKER_DB:-data/tracker.db}"
export TRACER_PUBLIC_BASE_URL="${TRACER_PUBLIC_BASE_URL:-http://localhost:${REDIRECTOR_PORT}}"
# Local development: the base URL is localhost, which readiness refuses unless this says otherwise.
export TRACER_ALLOW_PRIVATE_BASE_URL="${TRACER_ALLOW_PRIVATE_BASE_URL:-true}"
export TRACKER_API_URL="${TRACKER_API_URL:-http://127.0.0.1:${TRACKER_PORT}}"
TRACKER="http://localhost:${TRACKER_PORT}"

mkdir -p data/logs
chmod 700 data

# Logs of earlier runs are kept, not truncated: the last five runs of each service, newest first
# (tracker-api.log is this run, tracker-api.log.1 the one before, ...).
rotate_log() {
  local log="data/logs/$1.log"
  for i in 4 3 2 1; do
    [[ -f "$log.$i" ]] && mv -f "$log.$i" "$log.$((i + 1))"
  done
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  return 0
}

echo "Building (./mvnw -q -DskipTests package)..."
./mvnw -q -DskipTests package
# After the build: a build that fails leaves the last runs' logs where they were.
rotate_log tracker-api
rotate_log redirector

# The admin key is made once and kept in data/admin.key (mode 600) unless TRACKER_ADMIN_KEY is given.
if [[ -z "${TRACKER_ADMIN_KEY:-}" ]]; then
  if [[ ! -s data/admin.key ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40 | sed 's/^/admin_/' > data/admin.key)
  fi
  TRACKER_ADMIN_KEY="$(cat data/admin.key)"
fi
export TRACKER_ADMIN_KEY

pids=()
stopping=""
stop_all() {
  trap - INT TERM EXIT
  stopping="yes"
  echo
  echo "Stopping..."
  # The redirector first, so it can hand its last clicks to tracker-api before that stops too.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  echo "Stopped. Logs: data/logs/ (earlier runs in *.log.1 to *.log.5)."
}
on_signal() {
  stop_all
  exit 0
}
trap on_signal INT TERM
trap stop_all EXIT

wait_for_health() {
  local name="$1" url="$2" log="$3"
  for _ in $(seq 1 120); do
    if curl -fsS "$url/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "start.sh: $name did not become healthy; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
}

# A bounded heap: two PDF rewrites at a time, each with at most 256 MiB of stream buffers, fit in 768 MiB,
# and a flood of compressed uploads gets a 503 or an out-of-memory error for itself instead of swapping the host.
java -Xmx768m -jar tracker-api/target/tracker-api.jar >data/logs/tracker-api.log 2>&1 &
pids+=($!)
wait_for_health tracker-api "$TRACKER" data/logs/tracker-api.log

# The redirector's key (scope: redirector) is kept in data/redirector.key and remade if the database no longer knows it.
# Redirector keys are made on the server with create-key, never over the API (README, Privacy).
if [[ ! -s data/redirector.key ]] || [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat data/redirector.key)" "$TRACKER/api/visitor-salt")" != 200 ]]; then
  (umask 077; java -jar tracker-api/target/tracker-api.jar create-key redirector 2>>data/logs/tracker-api.log \
    | sed -E 's/.*"key":"([^"]+)".*/\1/' > data/redirector.key)
fi
TRACKER_API_KEY="$(cat data/redirector.key)" java -XX:+UseParallelGC -Xmx256m -jar redirector/target/redirector.jar >data/logs/redirector.log 2>&1 &
pids+=($!)
wait_for_health redirector "http://localhost:${REDIRECTOR_PORT}" data/logs/redirector.log

cat <<INFO

Tracer Links is running.
  tracker-api  $TRACKER         (logs: data/logs/tracker-api.log)
  redirector   http://localhost:${REDIRECTOR_PORT}   (logs: data/logs/redirector.log)
  database     $TRACKER_DB
  admin key    $TRACKER_ADMIN_KEY

Try it (paste into another terminal):

  export KEY=$TRACKER_ADMIN_KEY
  curl -s -X PUT $TRACKER/api/jobs/job-1 -H "Authorization: Bearer \$KEY" -H 'Content-Type: application/json' \\
       -d '{"company":"Amazon DE","title":"Backend Engineer"}'
  LINK=\$(curl -s -X POST $TRACKER/api/links -H "Authorization: Bearer \$KEY" -H 'Content-Type: application/json' \\
       -d '{"job_id":"job-1","source_path":"page1/github","destination_url":"https://github.com/jane"}')
  echo "\$LINK"
  T=\$(echo "\$LINK" | sed -E 's/.*"tracking_id":"([^"]+)".*/\\1/')
  curl -si http://localhost:${REDIRECTOR_PORT}/cv/\$T          # 302 to https://github.com/jane; open it in a browser too
  sleep 1   # clicks reach tracker-api within a second
  # curl's click is classified as a bot, so ask with include_bots=true; a browser's click counts without it.
  curl -s "$TRACKER/api/link-tracking/analytics/\$T?include_bots=true" -H "Authorization: Bearer \$KEY"   # total_clicks: 1

  # Rewrite a resume PDF: switch the job's tracer links on (readiness checks run first), then upload.
  curl -s -X PATCH $TRACKER/api/jobs/job-1 -H "Authorization: Bearer \$KEY" -H 'Content-Type: application/json' \\
       -d '{"tracer_links_enabled":true}'
  curl -s -X POST $TRACKER/api/jobs/job-1/pdf -H "Authorization: Bearer \$KEY" -H 'Content-Type: application/pdf' \\
       --data-binary @$PWD/corpus/pdf/chromium-reactive-a4.pdf -o /tmp/resume-traced.pdf -D - | grep -i x-tracer

Press Ctrl-C to stop both services.
INFO

# Returns when either service exits; Ctrl-C is handled by the trap above (and does not come back here).
wait -n "${pids[@]}" || true
if [[ -z "$stopping" ]]; then
  echo "start.sh: a service exited on its own; see data/logs/ for why. Stopping the other." >&2
  exit 1
fi
