#!/bin/bash
# Regenerates NAME.expect.json for every PDF of this set by inspecting the PDFs.
# usage: sources/manifests.sh [PDFDIR]   (default: the folder above sources/)
# MAKE_MANIFEST may point at make-manifest.py (default: ../pdf/tools/make-manifest.py next to this corpus)
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
OUT="${1:-$SRC/..}"
MM="${MAKE_MANIFEST:-$(cd "$(dirname "$0")/../.." && pwd)/pdf/tools/make-manifest.py}"
CHR='Chromium 156.0.8078.114 headless --print-to-pdf --no-pdf-header-footer (Skia/PDF m156), from HTML rendered by'
jr() { # name theme version data
  python3 "$MM" "$OUT/$1.pdf" --tool "$CHR $2@$3 render() on Node.js 20 (sources/jsonresume/render.cjs + localize.cjs)" \
    --source "sources/data/$4.resume.json" --source "sources/jsonresume/html/$1.html" \
    --note "template: npm $2@$3 (MIT); CDN stylesheets replaced by the same npm packages, Google Fonts by Debian fonts-lato/fonts-open-sans"
}
jr jsonresume-even-fontaine-a4            jsonresume-theme-even          0.26.1 fontaine
jr jsonresume-stackoverflow-okafor-letter jsonresume-theme-stackoverflow 3.3.0  okafor
jr jsonresume-kendall-okafor-letter       jsonresume-theme-kendall       0.2.0  okafor
jr jsonresume-macchiato-lindqvist-a4      jsonresume-theme-macchiato     1.1.0  lindqvist
jr jsonresume-onepage-adeyemi-a4          jsonresume-theme-onepage       0.0.3  adeyemi
jr jsonresume-class-fontaine-a4           jsonresume-theme-class         0.1.2  fontaine
jr jsonresume-flat-lindqvist-letter       jsonresume-theme-flat          0.3.7  lindqvist
jr jsonresume-elegant-adeyemi-letter      jsonresume-theme-elegant       1.16.1 adeyemi
MCV='template: xdanaux/moderncv@8a66c4f990e41a0df49947553f54387d731d0017:examples/template.tex (LPPL 1.3c) with Debian moderncv 2.3.1'
python3 "$MM" "$OUT/latex-jakes-resume-fontaine-letter.pdf" --tool 'pdfTeX 1.40.24 (TeX Live 2022/Debian) with hyperref, from Jake'"'"'s Resume template' \
  --source sources/latex/jakes-resume-fontaine-letter.tex --note 'template: jakegut/resume@78de3c917058f79387b0913cf884ccc2e9a66b8c:resume.tex (MIT)'
python3 "$MM" "$OUT/latex-moderncv-casual-adeyemi-a4.pdf" --tool 'pdfTeX 1.40.24 (TeX Live 2022/Debian), moderncv 2.3.1 style casual' \
  --source sources/latex/moderncv-casual-adeyemi-a4.tex --note "$MCV" --note 'Type 3 font: bitmap TS1 (textcomp) glyphs from METAFONT/PK because cm-super is not installed, as on a default Debian TeX install'
python3 "$MM" "$OUT/latex-moderncv-classic-okafor-a4.pdf" --tool 'XeTeX 0.999994 + xdvipdfmx 20211117 (TeX Live 2022/Debian), moderncv 2.3.1 style classic' \
  --source sources/latex/moderncv-classic-okafor-a4.tex --note "$MCV"
python3 "$MM" "$OUT/latex-moderncv-banking-lindqvist-letter.pdf" --tool 'LuaHBTeX 1.15.0 (TeX Live 2022/Debian), moderncv 2.3.1 style banking' \
  --source sources/latex/moderncv-banking-lindqvist-letter.tex --note "$MCV"
python3 "$MM" "$OUT/libreoffice-resume1page-okafor-a4.pdf" --tool 'LibreOffice 7.4.7.2 headless --convert-to pdf (writer_pdf_Export), from .odt made from LibreOffice'"'"'s Resume1page.ott' \
  --source sources/data/okafor.resume.json --source sources/libreoffice/fill_resume1page.py --source sources/libreoffice/libreoffice-resume1page-okafor-a4.odt \
  --note 'template: share/template/common/personal/Resume1page.ott from Debian libreoffice-common 4:7.4.7-1+deb12u14, body text replaced, styles kept'
