#!/usr/bin/env bash
# Analytics at scale (issue #4): 10 M synthetic clicks, then p50/p95 of each analytics endpoint and the
# batch ingest rate. usage: bench/analytics-scale.sh [clicks] [runs]   (work files in a temp dir, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
java -Xmx4g -cp tracker-api/target/tracker-api.jar bench/AnalyticsBench.java "$WORK" "${1:-10000000}" "${2:-20}"
