#!/bin/bash
# usage: print.sh IN.html OUT.pdf   (Debian chromium headless, no header/footer)
set -euo pipefail
prof=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$prof" --no-pdf-header-footer \
  --print-to-pdf="$2" "file://$(realpath "$1")" 2>/dev/null
rm -rf "$prof"
