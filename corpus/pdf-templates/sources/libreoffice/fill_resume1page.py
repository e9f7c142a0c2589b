#!/usr/bin/env python3
"""Fill LibreOffice's own "Resume1page" template (share/template/common/personal/Resume1page.ott,
shipped in Debian's libreoffice-common) with a JSON Resume and write an .odt.

Only the body of content.xml is replaced; the template's automatic styles (P*/T*/Sect*/L1),
styles.xml, page layout and fonts stay as shipped.  Links are ODF <text:a> hyperlinks.

usage: fill_resume1page.py RESUME.json OUT.odt [TEMPLATE.ott]
"""
import json, sys, zipfile, re
from xml.sax.saxutils import escape as x

src = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
tpl = sys.argv[3] if len(sys.argv) > 3 else "/usr/lib/libreoffice/share/template/common/personal/Resume1page.ott"

def a(href, text, style=None):
    s = f'<text:a xlink:type="simple" xlink:href="{x(href, {chr(34): "&quot;"})}">{x(text)}</text:a>'
    return f'<text:span text:style-name="{style}">{s}</text:span>' if style else s

URL_RE = re.compile(r"https?://[^\s]+[^\s.,;:)]")

def autolink(text):
    """Writer's AutoCorrect 'URL Recognition' turns typed URLs into hyperlinks; do the same."""
    out, pos = [], 0
    for m in URL_RE.finditer(text):
        out.append(x(text[pos:m.start()]))
        out.append(a(m.group(0), m.group(0)))
        pos = m.end()
    out.append(x(text[pos:]))
    return "".join(out)

def shown(url):  # how people usually print a URL: no scheme, no www., no trailing slash
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")

def month(d):
    if not d:
        return "Present"
    y, m = d.split("-")[:2]
    return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][int(m) - 1] + " " + y

b = src["basics"]
loc = b.get("location", {})
body = []
body.append(f'<text:h text:style-name="P14" text:outline-level="1">{x(b["name"])}</text:h>')
body.append(f'<text:p text:style-name="P4">{x(b.get("label", ""))}<text:line-break/>{x(loc.get("city", ""))}, {x(loc.get("region", ""))}</text:p>')
body.append(f'<text:p text:style-name="P4">{x(b["phone"])}<text:line-break/>{a("mailto:" + b["email"], b["email"])}</text:p>')
prof = {p["network"]: p for p in b.get("profiles", [])}
links = [a(b["url"], shown(b["url"]))] + [a(p["url"], shown(p["url"])) for p in b.get("profiles", []) if p["network"] in ("GitHub", "LinkedIn")]
body.append('<text:p text:style-name="P4">' + "<text:line-break/>".join(links) + '</text:p>')

body.append('<text:h text:style-name="P15" text:outline-level="3">Education</text:h>')
for e in src.get("education", []):
    inst = a(e["url"], e["institution"]) if e.get("url") else x(e["institution"])
    body.append(f'<text:p text:style-name="P5"><text:span text:style-name="T5">{x(e["studyType"])} in {x(e["area"])}</text:span>'
                f'<text:span text:style-name="T3"><text:line-break/>{inst}, {month(e.get("endDate"))}'
                + (f'<text:line-break/>Cumulative GPA: {x(e["score"])}' if e.get("score") else "") + '</text:span></text:p>')

body.append('<text:h text:style-name="P17" text:outline-level="3">Experience</text:h>')
for i, w in enumerate(src.get("work", []), 1):
    comp = a(w["url"], w["name"]) if w.get("url") else x(w["name"])
    body.append(f'<text:section text:style-name="Sect1" text:name="Section{i}"><text:p text:style-name="P3">{x(w["position"])}<text:line-break/>'
                f'<text:span text:style-name="T8">{comp}</text:span></text:p>'
                f'<text:p text:style-name="P2">{month(w.get("startDate"))} – {month(w.get("endDate"))} </text:p></text:section>')
    body.append(f'<text:list text:style-name="L1"' + (' text:continue-numbering="true"' if i > 1 else '') + '>')
    for h in w.get("highlights", []):
        body.append(f'<text:list-item><text:p text:style-name="P6">{autolink(h)}</text:p></text:list-item>')
    body.append('</text:list>')

body.append('<text:h text:style-name="P16" text:outline-level="3">Projects &amp; Writing</text:h>')
body.append('<text:list text:style-name="L1">')
for p in src.get("projects", []):
    body.append(f'<text:list-item><text:p text:style-name="P9">{x(p["name"])}: {x(p.get("description", ""))} {a(p["url"], shown(p["url"]))}</text:p></text:list-item>')
for p in src.get("publications", []):
    body.append(f'<text:list-item><text:p text:style-name="P9">“{x(p["name"])}”, {x(p["publisher"])}: {a(p["url"], p["url"])}</text:p></text:list-item>')
body.append('</text:list>')

body.append('<text:h text:style-name="P16" text:outline-level="3">Skills</text:h>')
body.append('<text:section text:style-name="Sect2" text:name="SectionSkills"><text:list text:style-name="L1">')
for s in src.get("skills", []):
    body.append(f'<text:list-item><text:p text:style-name="P9">{x(s["name"])}: {x(", ".join(s.get("keywords", [])))}</text:p></text:list-item>')
for l in src.get("languages", []):
    body.append(f'<text:list-item><text:p text:style-name="P9">{x(l["language"])} ({x(l["fluency"])})</text:p></text:list-item>')
body.append('</text:list></text:section>')

zin = zipfile.ZipFile(tpl)
content = zin.read("content.xml").decode("utf-8")
start = content.index("</text:sequence-decls>") + len("</text:sequence-decls>")
end = content.index("</office:text>")
content = content[:start] + "".join(body) + content[end:]
if 'xmlns:xlink=' not in content[:3000]:
    raise SystemExit("template lacks xlink namespace")
with zipfile.ZipFile(out, "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
    for item in zin.infolist():
        if item.filename == "mimetype":
            continue
        data = zin.read(item.filename)
        if item.filename == "content.xml":
            data = content.encode("utf-8")
        elif item.filename == "META-INF/manifest.xml":
            data = data.replace(b"opendocument.text-template", b"opendocument.text")
        z.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
print("wrote", out)
