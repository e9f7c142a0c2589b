#!/usr/bin/env python3
"""Print the per-file part of PROVENANCE.md from the PDFs' manifests and pdffonts."""
import json, glob, os, subprocess
TPL = {
 "jsonresume-even": ("npm jsonresume-theme-even@0.26.1 (github rbardini/jsonresume-theme-even)", "MIT (LICENSE file)"),
 "jsonresume-stackoverflow": ("npm jsonresume-theme-stackoverflow@3.3.0 (github phoinixi/jsonresume-theme-stackoverflow)", "MIT (LICENSE file)"),
 "jsonresume-kendall": ("npm jsonresume-theme-kendall@0.2.0 (github linuxbozo/jsonresume-theme-kendall)", "MIT (LICENSE file)"),
 "jsonresume-macchiato": ("npm jsonresume-theme-macchiato@1.1.0 (github biosan/jsonresume-theme-macchiato)", "MIT (LICENSE file)"),
 "jsonresume-onepage": ("npm jsonresume-theme-onepage@0.0.3 (github ainsleychong/jsonresume-theme-onepage)", "MIT (LICENSE file)"),
 "jsonresume-class": ("npm jsonresume-theme-class@0.1.2 (github Charlotteis/jsonresume-theme-class)", "MIT (LICENSE file)"),
 "jsonresume-flat": ("npm jsonresume-theme-flat@0.3.7 (github erming/jsonresume-theme-flat)", "MIT (package.json only, no LICENSE file)"),
 "jsonresume-elegant": ("npm jsonresume-theme-elegant@1.16.1 (github mudassir0909/jsonresume-theme-elegant)", "MIT (package.json only, no LICENSE file)"),
 "latex-jakes-resume": ("jakegut/resume@78de3c917058f79387b0913cf884ccc2e9a66b8c:resume.tex (Jake's Resume)", "MIT (repo LICENSE, header says MIT)"),
 "latex-moderncv": ("xdanaux/moderncv@8a66c4f990e41a0df49947553f54387d731d0017:examples/template.tex + Debian texlive-latex-extra moderncv 2.3.1 (2022-02-21)", "LPPL 1.3c"),
 "libreoffice-resume1page": ("Resume1page.ott shipped in Debian libreoffice-common 4:7.4.7-1+deb12u14 (/usr/lib/libreoffice/share/template/common/personal/)", "LibreOffice core (MPL-2.0); not separately stated in the .ott"),
}
for f in sorted(glob.glob("*.expect.json")):
    m = json.load(open(f)); pdf = m["file"]
    key = next(k for k in TPL if pdf.startswith(k))
    tpl, lic = TPL[key]
    fonts = {}
    for x in m["fonts"]:
        fonts.setdefault(x["type"] + ("" if x["embedded"] else " not embedded"), []).append(x["name"].split("+")[-1])
    mail = sum(1 for l in m["non_rewritable_links"] if l.get("kind") == "mailto")
    other = [l.get("kind") for l in m["non_rewritable_links"] if l.get("kind") != "mailto"]
    print(f"### {pdf}\n")
    print(f"- template: {tpl}; licence: {lic}")
    print(f"- producer: {m['producer']['tool']} — /Producer `{m['producer']['info_producer']}`, /Creator `{m['producer']['info_creator']}`")
    print(f"- sources: {', '.join(m['source'])}")
    print(f"- {m['page_count']} page(s), {m['pages'][0]['size']}, {os.path.getsize(pdf)//1024} KB, PDF {m['pdf_version']}, tagged={m['tagged']}, object streams={m['object_streams']}")
    print(f"- fonts (pdffonts): " + "; ".join(f"{k}: {', '.join(sorted(set(v)))}" for k, v in fonts.items()))
    print(f"- links: {m['http_link_annotation_count']} http(s) annotations ({len(m['http_uris'])} URIs), {mail} mailto, other: {', '.join(other) or 'none'}; "
          f"visible_url_texts in manifest: {len(m['visible_url_texts'])} ({sum(v['wrapped'] for v in m['visible_url_texts'])} wrapped); unlinked URL texts: {len(m['unlinked_url_texts'])}")
    print(f"- printed URL texts: " + "; ".join("`" + v["text_joined"] + "`" for v in m["visible_url_texts"]))
    print()
