#!/usr/bin/env bash
# Batch ingest through record-clicks, this tree's tracker-api against an earlier release, side by side
# (issue #18). usage: bench/ingest.sh [rounds] [batches] [release-ref]   (default 3 rounds, 200 batches
# of 1,000 clicks, release 8dec80a; the release is built in a temporary git worktree)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}" BATCHES="${2:-200}" REF="${3:-8dec80a}"
./mvnw -q -DskipTests package -pl shared-model,tracker-api -am
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/release" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add -q --detach "$WORK/release" "$REF"
(cd "$WORK/release" && ./mvnw -q -DskipTests package -pl shared-model,tracker-api -am)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git rev-parse --short HEAD) vs $REF"
java bench/IngestBench.java "$WORK/run" "$ROUNDS" "$BATCHES" "release=$WORK/release/tracker-api/target/tracker-api.jar" \
  "this=tracker-api/target/tracker-api.jar"
