// usage: node localize.cjs IN.html OUT.html [--page A4|Letter]
// No internet here: point the theme's CDN stylesheets at the same packages installed
// from npm (node_modules next to this script), drop CDN scripts and the gravatar image,
// and drop Google Fonts requests (Lato / Open Sans then come from Debian's font
// packages by family name, as on a machine that has them installed).
const fs = require('fs');
const path = require('path');
const [inp, out, ...rest] = process.argv.slice(2);
const nm = 'file://' + path.join(__dirname, 'node_modules');
let h = fs.readFileSync(inp, 'utf8');
const map = {
  'https://maxcdn.bootstrapcdn.com/bootstrap/3.3.6/css/bootstrap.min.css': nm + '/bootstrap336/dist/css/bootstrap.min.css',
  'https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/css/bootstrap.min.css': nm + '/bootstrap337/dist/css/bootstrap.min.css',
  'https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/3.2.0/css/bootstrap.min.css': nm + '/bootstrap320/dist/css/bootstrap.min.css',
  'https://cdnjs.cloudflare.com/ajax/libs/octicons/2.0.2/octicons.min.css': nm + '/octicons/octicons/octicons.css',
  'https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css': nm + '/font-awesome/css/font-awesome.min.css',
  'https://cdnjs.cloudflare.com/ajax/libs/font-awesome/5.14.0/css/all.min.css': nm + '/fa5/css/all.min.css',
  'https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.4.2/css/all.min.css': nm + '/fa6/css/all.min.css',
};
for (const [k, v] of Object.entries(map)) h = h.split(k).join(v);
// elegant loads its icon fonts from unpkg (protocol-relative, version 1.12.0); use the installed package's copy
h = h.replace(/(["'(])\/\/unpkg\.com\/jsonresume-theme-elegant@[0-9.]+\//g, '$1' + nm + '/jsonresume-theme-elegant/');
h = h.replace(/<script[^>]*src="https?:\/\/[^"]*"[^>]*><\/script>/g, '');
h = h.replace(/<link[^>]*href="https?:\/\/fonts\.googleapis\.com[^"]*"[^>]*>/g, '');
h = h.replace(/@import url\(\s*https?:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
h = h.replace(/,?\s*url\(https:\/\/fonts\.gstatic\.com[^)]*\)\s*format\('truetype'\)/g, '');
h = h.replace(/<img[^>]*src="https:\/\/s\.gravatar\.com[^"]*"[^>]*>/g, '');
const i = rest.indexOf('--page');
if (i >= 0) h = h.replace(/<\/head>/i, `<style>@page { size: ${rest[i + 1]}; }</style></head>`);
const left = h.match(/(?:href|src)="(?:https?:)?\/\/(?!\S*example)[^"]*(?:css|js|woff2?|ttf)"|url\(https?:[^)]*\)/g);
if (left) console.error('still remote:', left);
fs.writeFileSync(out, h);
