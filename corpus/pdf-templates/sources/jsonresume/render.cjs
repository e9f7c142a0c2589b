// usage: node render.cjs THEME RESUME.json OUT.html
// Renders a JSON Resume with an installed jsonresume-theme-THEME package's render().
const fs = require('fs');
const path = require('path');
const [theme, resumePath, out] = process.argv.slice(2);
const resume = JSON.parse(fs.readFileSync(resumePath, 'utf8'));
// Older themes read the pre-1.0 schema names: add them as aliases (website, company,
// work/volunteer/publication website) so every theme prints the same data.
if (resume.basics && resume.basics.url && !resume.basics.website) resume.basics.website = resume.basics.url;
for (const w of resume.work || []) { if (w.name && !w.company) w.company = w.name; if (w.url && !w.website) w.website = w.url; }
for (const v of resume.volunteer || []) if (v.url && !v.website) v.website = v.url;
for (const p of resume.publications || []) if (p.url && !p.website) p.website = p.url;
(async () => {
  let mod;
  try { mod = require('jsonresume-theme-' + theme); }
  catch (e) { mod = await import('jsonresume-theme-' + theme); }
  const render = mod.render || (mod.default && mod.default.render);
  let html = await render(resume);
  fs.writeFileSync(out, html);
  console.error(`${theme}: ${html.length} bytes -> ${out}`);
})().catch(e => { console.error(e); process.exit(1); });
