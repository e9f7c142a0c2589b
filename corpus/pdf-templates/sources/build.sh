#!/bin/bash
# Rebuilds the template-corpus PDFs from the sources in this folder.
# usage: sources/build.sh [OUTDIR]   (default: the folder above sources/)
# Needs (Debian 12): chromium, node + npm (registry reachable for `npm ci`), texlive-latex-recommended,
# texlive-latex-extra, texlive-fonts-recommended, texlive-xetex, texlive-luatex, libreoffice-writer-nogui,
# fonts-lato, fonts-open-sans, poppler-utils, qpdf.
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
OUT="$(cd "${1:-$SRC/..}" && pwd)"
export SOURCE_DATE_EPOCH=1717200000 FORCE_SOURCE_DATE=1 TZ=UTC
# HTML is generated into a fixed folder: one theme (kendall) has an empty href that Chromium
# resolves to the HTML file itself, so this path ends up in the PDF as a file: URI.
HTML=/tmp/template-corpus-build/html
WORK="$(mktemp -d /tmp/template-corpus-work.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$HTML" "$OUT/png"
log() { echo "== $*"; }

# ---------- JSON Resume themes (npm) -> HTML -> Chromium headless ----------
JR="$SRC/jsonresume"
[ -d "$JR/node_modules" ] || (cd "$JR" && npm ci --no-audit --no-fund >/dev/null)
# name                                    theme          data        page size (injected @page; empty = Chromium default Letter)
JOBS="
jsonresume-even-fontaine-a4               even           fontaine    A4
jsonresume-stackoverflow-okafor-letter    stackoverflow  okafor      -
jsonresume-kendall-okafor-letter          kendall        okafor      -
jsonresume-macchiato-lindqvist-a4         macchiato      lindqvist   A4
jsonresume-onepage-adeyemi-a4             onepage        adeyemi     A4
jsonresume-class-fontaine-a4              class          fontaine    A4
jsonresume-flat-lindqvist-letter          flat           lindqvist   -
jsonresume-elegant-adeyemi-letter         elegant        adeyemi     -
"
echo "$JOBS" | while read -r name theme data page; do
  [ -n "$name" ] || continue
  log "$name"
  node "$JR/render.cjs" "$theme" "$SRC/data/$data.resume.json" "$HTML/$name.theme.html" 2>/dev/null
  if [ "$page" = "-" ]; then node "$JR/localize.cjs" "$HTML/$name.theme.html" "$HTML/$name.html"
  else node "$JR/localize.cjs" "$HTML/$name.theme.html" "$HTML/$name.html" --page "$page"; fi
  "$JR/print.sh" "$HTML/$name.html" "$OUT/$name.pdf"
done
mkdir -p "$JR/html" && cp "$HTML"/*.html "$JR/html/"   # keep the exact HTML that was printed

# ---------- LaTeX templates ----------
cp "$SRC"/latex/*.tex "$WORK"/
cd "$WORK"
tex() { # engine file
  for i in 1 2; do "$1" -interaction=nonstopmode -halt-on-error "$2.tex" >/dev/null 2>&1 || { tail -30 "$2.log"; exit 1; }; done
}
log latex-jakes-resume-fontaine-letter;      tex pdflatex jakes-resume-fontaine-letter;      cp jakes-resume-fontaine-letter.pdf "$OUT/latex-jakes-resume-fontaine-letter.pdf"
log latex-moderncv-casual-adeyemi-a4;        tex pdflatex moderncv-casual-adeyemi-a4;        cp moderncv-casual-adeyemi-a4.pdf "$OUT/latex-moderncv-casual-adeyemi-a4.pdf"
log latex-moderncv-classic-okafor-a4;        tex xelatex  moderncv-classic-okafor-a4;        cp moderncv-classic-okafor-a4.pdf "$OUT/latex-moderncv-classic-okafor-a4.pdf"
log latex-moderncv-banking-lindqvist-letter; tex lualatex moderncv-banking-lindqvist-letter; cp moderncv-banking-lindqvist-letter.pdf "$OUT/latex-moderncv-banking-lindqvist-letter.pdf"

# ---------- LibreOffice's own Resume1page.ott template ----------
log libreoffice-resume1page-okafor-a4
python3 "$SRC/libreoffice/fill_resume1page.py" "$SRC/data/okafor.resume.json" "$WORK/libreoffice-resume1page-okafor-a4.odt" >/dev/null
soffice -env:UserInstallation=file://$WORK/lo-profile --headless --convert-to pdf:writer_pdf_Export --outdir "$WORK/lo" "$WORK/libreoffice-resume1page-okafor-a4.odt" >/dev/null 2>&1
cp "$WORK/lo/libreoffice-resume1page-okafor-a4.pdf" "$OUT/"
cp "$WORK/libreoffice-resume1page-okafor-a4.odt" "$SRC/libreoffice/"

# ---------- page-1 previews ----------
for f in "$OUT"/*.pdf; do b=$(basename "$f" .pdf); pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$f" "$OUT/png/$b"; done
log done
