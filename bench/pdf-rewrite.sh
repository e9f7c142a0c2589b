#!/usr/bin/env bash
# PDF rewriting (issue #5): time per corpus PDF (median and p95 over warm runs) and peak heap while
# rewriting it, in one warm JVM. usage: bench/pdf-rewrite.sh [runs] [corpus dir]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
java -Xmx512m -XX:+UseSerialGC -cp tracker-api/target/tracker-api.jar bench/PdfBench.java "${2:-corpus/pdf}" "${1:-30}"
# What a rewrite needs: the whole corpus again in a heap of 32 MiB (the JVM fails with OutOfMemoryError if it is not enough).
echo "--- the same corpus with -Xmx32m (live heap bound), 3 runs each:"
java -Xmx32m -XX:+UseSerialGC -cp tracker-api/target/tracker-api.jar bench/PdfBench.java "${2:-corpus/pdf}" 3 | tail -1
