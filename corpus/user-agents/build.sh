#!/usr/bin/env bash
# Regenerate bots.tsv / humans.tsv / PROVENANCE.md from pinned public packages.
# Needs: npm, curl, apt-get (Debian bookworm sources), dpkg, unzip, python3 + PyYAML (python3-yaml).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export OUT=${OUT:-$HERE}
export SRC=${SRC:-$OUT/src}
mkdir -p "$SRC"
cd "$SRC"

fetch() {  # fetch only when missing, so reruns are offline
  [ -f crawler-user-agents-1.60.0.tgz ] || npm pack --silent crawler-user-agents@1.60.0
  [ -f uap-core-0.18.0.tgz ]            || npm pack --silent uap-core@0.18.0
  [ -f top-user-agents-2.1.138.tgz ]    || npm pack --silent top-user-agents@2.1.138
  [ -f user-agents-2.1.198.tgz ]        || npm pack --silent user-agents@2.1.198
  [ -f ua-parser-js-1.0.2.tgz ]         || npm pack --silent ua-parser-js@1.0.2
  [ -f woothee-1.11.1.tgz ]             || npm pack --silent woothee@1.11.1
  [ -f yauaa-8.1.1.jar ] || curl -fsSLO https://repo.maven.apache.org/maven2/nl/basjes/parse/useragent/yauaa/8.1.1/yauaa-8.1.1.jar
  ls uap-core_*0.16.0-1_all.deb >/dev/null 2>&1 || apt-get download uap-core=1:0.16.0-1
  [ -f golang-github-mssola-user-agent-dev_0.5.1-1_all.deb ] || apt-get download golang-github-mssola-user-agent-dev=0.5.1-1
}
fetch
mv -f uap-core_1%3a0.16.0-1_all.deb uap-core_0.16.0-1_all.deb 2>/dev/null || true

sha256sum -c --quiet <<'SUMS'
355ff319e17919f1738122752c8036d605d0e1bcba81de31e84377d12b286d79  crawler-user-agents-1.60.0.tgz
28abde9e093be91293ac8ce7b8304557b73ef1ba48a7cf8429192c0fc720a677  uap-core-0.18.0.tgz
1a0a2769adff6cad92f08b408c60ca5331a881d0d1645f90020cb6895e3939c1  top-user-agents-2.1.138.tgz
581c4f5074669b6f125263b8ddf302d221a26a06842488c6cc8d50dc5c5c0851  user-agents-2.1.198.tgz
3e23b2e0cd5d7c2c5038dd665f5f4551c442bbddfa1b224ca93a7c9f85388c41  ua-parser-js-1.0.2.tgz
9e744f0584515248be4890cf5e77ceb1eb761075877df80ba42dd4369508465e  woothee-1.11.1.tgz
8b0689405c5d6403406d06dd45162cc0bd536f80ae7bb3fc9241dc4dee79bfa4  yauaa-8.1.1.jar
a4a0083299d7d27b2ce560b3c8f589fa2bc4c583e8229fb8ac642694fe230f4e  uap-core_0.16.0-1_all.deb
712d1da7cc3ab87327237a7f6fb95315e15e95b2dc6145e344c49c6e34adfc9b  golang-github-mssola-user-agent-dev_0.5.1-1_all.deb
SUMS

for t in crawler-user-agents-1.60.0 uap-core-0.18.0 top-user-agents-2.1.138 user-agents-2.1.198 ua-parser-js-1.0.2 woothee-1.11.1; do
  rm -rf "$t"; mkdir -p "$t"; tar xzf "$t.tgz" -C "$t"
done
rm -rf yauaa && mkdir yauaa && (cd yauaa && unzip -q ../yauaa-8.1.1.jar 'UserAgents/*' 'META-INF/MANIFEST.MF')
rm -rf uap-core-deb && dpkg -x uap-core_0.16.0-1_all.deb uap-core-deb
rm -rf golang-github-mssola-user-agent-dev && dpkg -x golang-github-mssola-user-agent-dev_0.5.1-1_all.deb golang-github-mssola-user-agent-dev

cd "$HERE"
python3 scripts/build.py
python3 scripts/report.py
echo "wrote $OUT/bots.tsv $OUT/humans.tsv $OUT/conflicts.tsv $OUT/PROVENANCE.md"
