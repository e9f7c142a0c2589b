#!/usr/bin/env bash
# Click truth (issue #16): the evaluation on corpus/user-agents through the real ingestion path, and the cost of one
# classification for unseen and cached user agents. usage: bench/user-agents.sh [an older tracker-api.jar to compare]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit: $(git rev-parse --short HEAD)"
./mvnw -q test -pl tracker-api -am -Dtest=UserAgentEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
sed -n "1,7p" tracker-api/target/user-agent-evaluation.md
echo "(whole report, with every miss and false alarm: tracker-api/target/user-agent-evaluation.md)"
echo "--- this build:"
java -Xmx512m -XX:+UseSerialGC -cp tracker-api/target/tracker-api.jar bench/UserAgentSpeed.java corpus/user-agents 100000 2>&1 | grep -v WARN
if [[ -n "${1:-}" ]]; then
  echo "--- $1:"
  java -Xmx512m -XX:+UseSerialGC -cp "$1" bench/UserAgentSpeed.java corpus/user-agents 20000 2>&1 | grep -v WARN
fi
