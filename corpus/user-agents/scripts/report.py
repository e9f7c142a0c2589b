#!/usr/bin/env python3
"""Render PROVENANCE.md = scripts/PROVENANCE.template.md + tables generated from stats.json and the TSVs."""
import collections, json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get('OUT', os.path.dirname(HERE))

st = json.load(open(os.path.join(OUT, 'stats.json'), encoding='utf-8'))
bots = [l.rstrip('\n').split('\t') for l in open(os.path.join(OUT, 'bots.tsv'), encoding='utf-8')][1:]
hums = [l.rstrip('\n').split('\t') for l in open(os.path.join(OUT, 'humans.tsv'), encoding='utf-8')][1:]

INAPP = [
    ('Facebook (FBAN/FBAV/FB_IAB, incl. Messenger)', r'FBAN/|FBAV/|FB_IAB|FBIOS'),
    ('Instagram', r'Instagram'), ('LinkedIn (LinkedInApp)', r'LinkedInApp|LinkedIn'),
    ('Line', r'\bLine/|\bLINE/|Safari Line/'), ('WeChat / WeCom (MicroMessenger, wxwork)', r'MicroMessenger|wxwork'),
    ('Snapchat', r'Snapchat'), ('TikTok / Douyin (musical_ly, trill_, BytedanceWebview)', r'musical_ly|trill_|BytedanceWebview|TikTok'),
    ('Twitter / X', r'Twitter'), ('Pinterest', r'Pinterest'), ('Viber', r'Viber'),
    ('Telegram (no UA token; fixture-labelled)', r'TELEGRAM'), ('KakaoTalk', r'KAKAOTALK|KakaoTalk'),
    ('Kik', r'^Kik/'), ('Google app (GSA)', r'GSA/'), ('Baidu box app', r'baiduboxapp'), ('Weibo', r'[Ww]eibo'),
    ('Slack desktop (Slack/, Slack_SSB)', r'Slack/|Slack_SSB'), ('Microsoft Teams desktop', r'Teams/'),
    ('Discord desktop', r'[Dd]iscord/'), ('VS Code (Code/)', r' Code/\d'), ('WhatsApp desktop (Electron)', r'WhatsApp/.*Electron/'),
    ('Any Electron app (Electron/ or AtomShell/ token)', r'Electron/|AtomShell/'),
]
BOTCAT = [
    ('attack / injection / spam-URL strings (Yauaa Hacker)', lambda r: 'DeviceClass=Hacker' in r[2] or 'AgentClass=Hacker' in r[2]),
    ('link preview / social unfurlers', lambda r: re.search(r'social-preview|policy:|facebookexternalhit|Twitterbot|Slack|LinkedInBot|Discordbot|TelegramBot|WhatsApp|SkypeUriPreview|Pinterest|Iframely|Embedly|redditbot|vkShare|Mastodon|Pleroma|Akkoma|Misskey|Friendica', r[0] + r[2], re.I)),
    ('HTTP client libraries / CLI tools / SDKs', lambda r: re.search(r'http-library|bot_family_list|curl|wget|python|go-http|okhttp|java|httpclient|axios|node-fetch|libwww|guzzle|aiohttp|httpx|pycurl|reqwest|postman|aws-sdk|faraday|restsharp|http\.rb|urllib|ruby|perl|php', r[0] + r[2], re.I)),
    ('headless browsers / automation / test tools', lambda r: re.search(r'browser-automation|headless|phantomjs|selenium|puppeteer|playwright|lighthouse|ptst|Testclient', r[0] + r[2], re.I)),
    ('monitoring / uptime / health checks', lambda r: re.search(r'monitoring|monitor|uptime|pingdom|statuscake|site24x7|health|check', r[0] + r[2], re.I)),
    ('feed readers / aggregators', lambda r: re.search(r'feed-reader|feed|rss|newsblur|inoreader|miniflux', r[0] + r[2], re.I)),
    ('scanners / security', lambda r: re.search(r'scanner|nmap|masscan|nikto|zgrab|nuclei|sqlmap|censys|openvas|netcraft', r[0] + r[2], re.I)),
    ('AI crawlers', lambda r: re.search(r'ai-crawler|GPTBot|ClaudeBot|anthropic|PerplexityBot|CCBot|Bytespider', r[0] + r[2], re.I)),
    ('search-engine / SEO / other crawlers (rest)', lambda r: True),
]


def table(header, rows):
    out = ['| ' + ' | '.join(header) + ' |', '|' + '---|' * len(header)]
    out += ['| ' + ' | '.join(str(c) for c in r) + ' |' for r in rows]
    return '\n'.join(out)


parts = []
# 1. per source file
rows = []
for src, d in st['per_source_file'].items():
    drops = ', '.join('%s %d' % (k[8:], v) for k, v in sorted(d.items()) if k.startswith('dropped:'))
    rows.append((src.replace('|', '\\|'), d.get('raw_bot', 0), d.get('raw_human', 0), d.get('raw_ambiguous', 0), d.get('bots_final', 0), d.get('humans_final', 0), drops or '-'))
parts.append('### Rows per source file\n\n`raw bot/human` = rows the labelling rules emitted before cleaning; `raw ambiguous→policy bot` = rows the source left ambiguous that the policy rule turned into bots; `relabelled_to_bot_by_policy` (in stats.json) = human-labelled rows turned into bots; `final` = rows written (after cleaning, caps, '
             'cross-source dedupe with first-source-wins in the order of this table, and conflict removal).\n\n'
             + table(['source:file', 'raw bot', 'raw human', 'raw ambiguous→policy bot', 'bots.tsv', 'humans.tsv', 'dropped (reason count)'], rows))
# 2. per package
pk = collections.defaultdict(lambda: [0, 0])
for r in bots:
    pk[r[1].split(':')[0]][0] += 1
for r in hums:
    pk[r[1].split(':')[0]][1] += 1
parts.append('### Rows per source package\n\n' + table(['source', 'bots', 'humans'], [(k, v[0], v[1]) for k, v in pk.items()])
             + '\n\nTotal: **%d bots**, **%d humans** (distinct UAs; no UA is in both files).' % (len(bots), len(hums)))
# 3. in-app
rows = []
for name, rx in INAPP:
    n = sum(1 for r in hums if re.search(rx, r[0] if 'TELEGRAM' not in rx else r[2]))
    rows.append((name, n))
parts.append('### In-app browsers and desktop (Electron) apps in humans.tsv\n\nCounted by UA token (a row can count in more than one line).\n\n' + table(['app', 'rows'], rows))
# 4. bot categories
cnt = collections.Counter()
for r in bots:
    for name, f in BOTCAT:
        if f(r):
            cnt[name] += 1
            break
parts.append('### Approximate bot mix (first matching rule, by UA/detail tokens; for orientation only)\n\n' + table(['category', 'rows'], [(n, cnt[n]) for n, _ in BOTCAT]))
# 5. human browser mix
hc = st['humans_by_coarse_family']
parts.append('### Approximate human mix (coarse family used for caps)\n\n' + table(['coarse family', 'rows'], sorted(hc.items(), key=lambda kv: -kv[1])))
# 6. conflicts
cf = [l.rstrip('\n').split('\t') for l in open(os.path.join(OUT, 'conflicts.tsv'), encoding='utf-8')][1:]
parts.append('### Bot/human conflicts (dropped from both files)\n\n%d UA(s), %d source rows; full list in `conflicts.tsv`.\n\n' % (len(st['conflicts']), len(cf))
             + table(['user_agent', 'label', 'source', 'detail'], [(a.replace('|', '\\|'), b, c, d) for a, b, c, d in cf]))
# 7. label-noise examples
ex = st['botlike_dropped_examples']
parts.append('### Human-labelled rows dropped by the bot-token safety net (%d distinct; all listed)\n\n```\n%s\n```' % (len(ex), '\n'.join(e[:220] for e in ex)))

tpl = open(os.path.join(HERE, 'PROVENANCE.template.md'), encoding='utf-8').read()
open(os.path.join(OUT, 'PROVENANCE.md'), 'w', encoding='utf-8').write(tpl.replace('<!--GENERATED-->', '\n\n'.join(parts)))
print('PROVENANCE.md written')
