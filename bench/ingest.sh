#!/usr/bin/env bash
# Batch ingest through record-clicks, this tree's tracker-api against an earlier release, side by side
# (issue #18). usage: bench/ingest.sh [rounds] [batches] [release-ref]   (default 3 rounds, 200 batches
# of 1,000 clicks, release 8dec80a; the release is built in a temporary git worktree). BENCH_POSTGRESQL=1 adds
# this tree's jar on a throw-away PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}" BATCHES="${2:-200}" REF="${3:-8dec80a}"
./mvnw -q -DskipTests package -pl shared-model,tracker-api -am
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/release" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add -q --detach "$WORK/release" "$REF"
(cd "$WORK/release" && ./mvnw -q -DskipTests package -pl shared-model,tracker-api -am)
EXTRA=()
if [ "${BENCH_POSTGRESQL:-0}" = 1 ]; then
  # This tree's jar once more, on a throw-away PostgreSQL cluster (Debian's binaries, default durability settings).
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  mkdir -p "$WORK/pg"
  chmod 755 "$WORK"
  AS_PG=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg"; AS_PG=(runuser -u postgres --); fi
  PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U tracker >/dev/null
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -w -l "$WORK/pg/log" \
    -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
  trap '"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null 2>&1 || true; git worktree remove --force "$WORK/release" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  export BENCH_PG="127.0.0.1:$PGPORT" BENCH_PG_BIN="$PGBIN"
  EXTRA=("this-pg=tracker-api/target/tracker-api.jar")
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git rev-parse --short HEAD) vs $REF"
java bench/IngestBench.java "$WORK/run" "$ROUNDS" "$BATCHES" "release=$WORK/release/tracker-api/target/tracker-api.jar" \
  "this=tracker-api/target/tracker-api.jar" "${EXTRA[@]}"
