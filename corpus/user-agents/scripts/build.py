#!/usr/bin/env python3
"""Build bots.tsv / humans.tsv from labelled public UA sources.

Inputs are unpacked by build.sh into $SRC (default /tmp/ua-eval/src).
Outputs: bots.tsv, humans.tsv, conflicts.tsv, stats.json in $OUT (default /tmp/ua-eval).
Deterministic: no randomness; caps keep rows with the smallest sha1(ua).
Requires python3 + PyYAML.
"""
import collections, glob, hashlib, json, os, re, sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from uap import UAP  # noqa: E402
from plausible import chrome_problem, traffic_shape_problem  # noqa: E402

SRC = os.environ.get('SRC', '/tmp/ua-eval/src')
OUT = os.environ.get('OUT', '/tmp/ua-eval')

CUA = 'crawler-user-agents@1.60.0'
UAPV = 'uap-core@0.16.0'        # Debian package uap-core 1:0.16.0-1 (tests + test_resources)
UAPRX = 'uap-core@0.18.0'       # npm package, regexes.yaml used to compute families
YAUAA = 'yauaa@8.1.1'
TOP = 'top-user-agents@2.1.138'
UAS = 'user-agents@2.1.198'
UAPJS = 'ua-parser-js@1.0.2'
WOOTHEE = 'woothee@1.11.1'
MSSOLA = 'mssola-user_agent@0.5.1'   # Debian golang-github-mssola-user-agent-dev 0.5.1-1
CURATED = 'github'

MAX_LEN = 512

# ---------------------------------------------------------------- caps (documented in PROVENANCE.md)
CAP_CUA_PER_PATTERN = 15           # crawler-user-agents: instances kept per pattern
CAP_YAUAA_HACKER = 200             # Yauaa DeviceClass=Hacker rows (injection/path traversal/log4shell strings)
CAP_UAP_DEVICE_PER_FAMILY = 40     # uap-core tests/test_device.yaml humans: per uap UA family
CAP_HUMAN_PER_SOURCE_FAMILY = 300  # any human source: per (source, coarse browser family)

# ---------------------------------------------------------------- policy rules (brief): machine fetches of apps are bots
POLICY_BOT = [
    (re.compile(r'^WhatsApp/'), 'policy:WhatsApp link preview'),
    (re.compile(r'ms-office|^Microsoft Office/|Microsoft Office (Word|Excel|PowerPoint|Outlook|Access|Visio|Project|OneNote|Protocol Discovery|Existence Discovery)', re.I),
     'policy:Microsoft Office link check / protocol discovery'),
    (re.compile(r'Slackbot|Slack-ImgProxy|facebookexternalhit|facebookcatalog|TelegramBot|Discordbot|Twitterbot|LinkedInBot|SkypeUriPreview|Pinterestbot|redditbot|Embedly|Iframely', re.I),
     'policy:link preview fetcher'),
]

# Human rows that match this are dropped as ambiguous (safety net against label noise in the sources).
BOTLIKE = re.compile(
    r'(?i)((?<!cu)bot\b|(?<!cu)bot[/_;)\-]|crawl|spider|slurp|headless|phantomjs|python|curl/|wget|scrapy|preview|'
    r'monitor|lighthouse|\bptst\b|gtmetrix|externalhit|^whatsapp/|http[-_ ]?client|okhttp|go-http|'
    r'java/|libwww|scanner|\bscan\b|selenium|puppeteer|playwright|cypress|'
    r'ms-office|microsoft office/|fetcher|\bprobe\b|checker|validator|archiver|feed)')

# uap-core UA families accepted as human-operated browsers / in-app browsers / Electron apps.
UAP_HUMAN_FAMILIES = set('''
Amazon Silk|Android|Baidu Browser|Baidu Explorer|Basilisk|BlackBerry WebKit|Brave|Camino|Chrome|Chrome Frame|
Chrome Mobile|Chrome Mobile WebView|Chrome Mobile iOS|Chromium|Coc Coc|Comodo Dragon|Conkeror|Dolfin|Dolphin|
DuckDuckGo Mobile|Edge|Edge Mobile|Electron|Epiphany|Facebook|Facebook Messenger|Firefox|Firefox (Shiretoko)|
Firefox Beta|Firefox Mobile|Firefox iOS|Firefox Focus|Google|HipChat Desktop Client|IE|IE Large Screen|IE Mobile|
IceCat|Iceweasel|Instagram|Iron|Kindle|Konqueror|LINE|Line|LinkedIn|Lunascape|Mail.ru Chromium Browser|Maxthon|
Midori|Mint Browser|MiuiBrowser|Mobile Safari|Mobile Safari UI/WKWebView|NetFront|NetFront NX|Nokia Browser|
Nokia OSS Browser|Nokia Services (WAP) Browser|ONE Browser|Obigo|Opera|Opera Coast|Opera Mini|Opera Mobile|
Opera Neon|Opera Tablet|Otter|Ovi Browser|Pale Moon|Phantom Browser|Pinterest|Puffin|QQ Browser|QQ Browser Mini|
QQ Browser Mobile|QupZilla|Rekonq|RockMelt|SEMC-Browser|Safari|Sailfish Browser|Samsung Internet|SeaMonkey|
Seznam prohlížeč|Silk|Skyfire|Slack Desktop Client|Sleipnir|Snapchat|Sogou Explorer|Teleca Browser|Tenta Browser|
Twitter|UC Browser|UP.Browser|Vivaldi|Waterfox|WeChat|Whale|Yandex Browser|qutebrowser|webOS Browser|Viber|
Telegram|TikTok|Huawei Browser|HeyTap Browser|Quark|Oppo Browser|Vivo Browser|Opera GX|Avast Secure Browser|
AVG Secure Browser|Snapchat|Kakao|KakaoTalk|Naver|Zalo
'''.replace('\n', '').split('|'))
UAP_HUMAN_FAMILIES.discard('')

# uap-core UA families (not marked device=Spider) that are clearly automated clients: HTTP libraries, CLI tools,
# SDKs, monitors, crawlers, feed fetchers, image proxies.
UAP_BOT_FAMILIES = set('''
AHC|Apache-CXF|Apache-HttpClient|Axel|Catchpoint|Debian APT-HTTP|Ubuntu APT-HTTP|Go-CF-client|Go-http-client|
Google-HTTP-Java-Client|GuzzleHttp|HTTPClient|HTTrack|HeadlessChrome|Java-EurekaClient|Jersey|JetS3t|Monitis|
NewRelicPingerBot|Node-oauth|OpenBSD ftp|OpenVAS Scanner|PHPCrawl|PhantomJS|PostmanRuntime|PyAMF|PycURL|
Python Requests|Python aiohttp|Python-urllib|RSScrawler|RackspaceBot|ReactorNetty|S3Gof3r|SSL-Crawler|Site24x7|
Vert.x-WebClient|Web-sniffer|Wget|YottaaMonitor|akka-http|aria2|aws-sdk-cpp|aws-sdk-dotnet-45|aws-sdk-go|
aws-sdk-java|aws-sdk-nodejs|aws-sdk-ruby2|axios|curl|go-cli|go-resty|got|http.rb|ibm-cos-sdk-java|lftp|
libcurl-agent|libwww-perl|lua-resty-http|minio-go|okhttp|ping-service|rclone|reqwest|rusoto|s3fs|scalaj-http|
unirest-java|ureq|urlgrabber|wget2|moba-crawler|mobile crawler|FASTMobileCrawl|GmailImageProxy|Mediapartners-Google|
msnbot|Connector Spider|HuaweiSymantecSpider|Huaweisymantecspider|WebPageTest.org bot|masscan|Tiny Tiny RSS|Feedbin|
Mtps Feed Aggregation System|Argus|WhatsApp|Googlebot|PingdomBot|StatusCakeBot|Scrapy|Nutch|BingPreview
'''.replace('\n', '').split('|'))
UAP_BOT_FAMILIES.discard('')

# ---------------------------------------------------------------- Yauaa label rules
Y_BOT_DEVICE = {'Robot', 'Robot Mobile', 'Robot Imitator', 'Hacker'}
Y_BOT_AGENT = {'Robot', 'Robot Mobile', 'Hacker', 'Testclient', 'Cloud Application'}
Y_HUMAN_DEVICE = {'Desktop', 'Phone', 'Tablet', 'Mobile', 'Watch', 'TV', 'Set-top box', 'Game Console',
                  'Handheld Game Console', 'eReader', 'Virtual Reality', 'Augmented Reality', 'Car',
                  'Home Appliance', 'Smart Display'}
Y_HUMAN_AGENT = {'Browser', 'Browser Webview', 'eReader'}
Y_SKIP_FILES = {'BrokenUseragents-NoSpaces-Tests.yaml'}  # synthetic: spaces removed from real UAs
# files whose *human*-classified rows are not used (fabricated/anonymised/attack-themed strings, robot files)
Y_HUMAN_SKIP = re.compile(r'^(Gentoo|Mageia|Anonymi[sz]e.*|Anonymized.*|Hackers.*|Robot.*|BrokenUseragents.*|ClientHints-BadFields-Tests|URL|UUID)\.yaml$')


def h(s):
    return hashlib.sha1(s.encode('utf-8')).hexdigest()


# coarse family: only for caps and reporting (not a label)
COARSE = [
    ('Facebook in-app', r'FBAN/|FBAV/|FB_IAB|FBIOS|\[FB'), ('Instagram in-app', r'Instagram'),
    ('LinkedIn in-app', r'LinkedInApp|com\.linkedin'), ('Line in-app', r'\bLine/|\bLINE/'),
    ('WeChat in-app', r'MicroMessenger|wxwork'), ('Snapchat in-app', r'Snapchat'),
    ('TikTok in-app', r'musical_ly|BytedanceWebview|TikTok|trill_|Bytedance'), ('Twitter in-app', r'Twitter'),
    ('Pinterest in-app', r'Pinterest'), ('Viber in-app', r'Viber'), ('Telegram in-app', r'Telegram'),
    ('KakaoTalk in-app', r'KAKAOTALK|KakaoTalk'), ('Slack desktop', r'Slack/|Slack_SSB'),
    ('Teams desktop', r'Teams/'), ('Discord desktop', r'discord/'), ('VS Code', r' Code/[0-9]'),
    ('Other Electron app', r'Electron/'),
    ('Samsung Internet', r'SamsungBrowser'), ('UC Browser', r'UCBrowser|UCWEB|UC Browser'),
    ('Yandex', r'YaBrowser|YaSearchBrowser|Yowser'), ('Sogou', r'SogouMobileBrowser|SE \d\.X MetaSr|Sogou'),
    ('QQ Browser', r'MQQBrowser|QQBrowser|QQ/'), ('Opera Mini', r'Opera Mini|OPiOS|Opera Mobi'),
    ('Opera', r'OPR/|Opera'), ('Vivaldi', r'Vivaldi'), ('Brave', r'Brave'), ('Edge', r'Edg/|EdgA/|EdgiOS/|Edge/'),
    ('Firefox', r'Firefox/|FxiOS'), ('Chrome iOS', r'CriOS'), ('Safari iOS', r'(iPhone|iPad|iPod).*Version/.*Safari'),
    ('Android WebView', r'; wv\)'), ('Chrome', r'Chrome/'), ('Safari', r'Version/.*Safari'),
    ('IE', r'MSIE|Trident/'), ('Other', r''),
]
COARSE = [(n, re.compile(p)) for n, p in COARSE]


INAPP_FAMILIES = {n for n, _ in COARSE if n.endswith('in-app') or n in (
    'Slack desktop', 'Teams desktop', 'Discord desktop', 'VS Code', 'Other Electron app')}


def coarse(ua):
    for n, rx in COARSE:
        if rx.search(ua):
            return n
    return 'Other'


class Collector:
    def __init__(self):
        self.rows = []          # (ua, label, source, detail)
        self.stats = collections.OrderedDict()
        self.dropped = collections.Counter()

    def try_policy(self, ua, source, detail):
        """For rows a source leaves ambiguous: add them as bots if a policy rule matches."""
        if ua is not None and any(rx.search(str(ua)) for rx, _ in POLICY_BOT):
            self.add(ua, 'ambiguous', source, detail)
            return True
        return False

    def add(self, ua, label, source, detail):
        key = source
        st = self.stats.setdefault(key, collections.Counter())
        st['raw_' + label] += 1
        if ua is None:
            self.dropped[(source, 'null')] += 1
            return
        ua = str(ua).strip()
        if not ua:
            self.dropped[(source, 'empty')] += 1
            return
        if len(ua) > MAX_LEN:
            self.dropped[(source, 'over_512')] += 1
            return
        if re.search(r'[\t\r\n\x00-\x1f\x7f]', ua):
            self.dropped[(source, 'control_char')] += 1
            return
        # policy overrides (brief): machine fetches of apps are bots
        for rx, why in POLICY_BOT:
            if rx.search(ua):
                if label != 'bot':
                    self.stats[key]['relabelled_to_bot_by_policy'] += 1
                    detail = detail + ';' + why
                label = 'bot'
                break
        if label == 'human' and (ua.startswith('Dalvik/') or '/' not in ua or 'AgentName=Unknown' in detail
                                 or ('ua_family=Android;' in detail and 'Mozilla/' not in ua)
                                 or detail.endswith('name=UNKNOWN')):
            self.dropped[(source, 'human_not_browser_shaped')] += 1
            return
        if label == 'human' and chrome_problem(ua):
            self.dropped[(source, 'human_implausible_' + chrome_problem(ua))] += 1
            return
        if label == 'human' and BOTLIKE.search(ua):
            self.dropped[(source, 'human_but_botlike_token')] += 1
            self.stats.setdefault('_botlike_examples', collections.Counter())[source + ' | ' + ua] += 1
            return
        self.rows.append((ua, label, source, detail.replace('\t', ' ')))


def load_cua(c):
    path = os.path.join(SRC, 'crawler-user-agents-1.60.0/package/crawler-user-agents.json')
    d = json.load(open(path, encoding='utf-8'))
    src = CUA + ':crawler-user-agents.json'
    for e in d:
        inst = sorted(set(e.get('instances') or []), key=h)
        if len(inst) > CAP_CUA_PER_PATTERN:
            c.dropped[(src, 'cap_per_pattern')] += len(inst) - CAP_CUA_PER_PATTERN
            inst = inst[:CAP_CUA_PER_PATTERN]
        tags = ','.join(e.get('tags') or [])
        for ua in inst:
            c.add(ua, 'bot', src, 'pattern=%s;tags=%s' % (e['pattern'], tags))


def load_yauaa(c):
    files = sorted(glob.glob(os.path.join(SRC, 'yauaa/UserAgents/*.yaml')))
    hackers = []
    for f in files:
        fn = os.path.basename(f)
        src = YAUAA + ':UserAgents/' + fn
        d = yaml.safe_load(open(f, encoding='utf-8'))
        for e in d.get('config') or []:
            if not (isinstance(e, dict) and 'test' in e):
                continue
            t = e['test']
            inp = t.get('input') or {}
            ex = t.get('expected') or {}
            ua = inp.get('user_agent_string', inp.get('User-Agent'))
            dc, ac, an = ex.get('DeviceClass'), ex.get('AgentClass'), ex.get('AgentName')
            detail = 'DeviceClass=%s;AgentClass=%s;AgentName=%s' % (dc, ac, an)
            if fn in Y_SKIP_FILES:
                c.dropped[(src, 'synthetic_file_skipped')] += 1
                continue
            if dc in Y_BOT_DEVICE or ac in Y_BOT_AGENT or (dc == 'Cloud' and ac == 'Server'):
                if dc == 'Hacker' or ac == 'Hacker':
                    hackers.append((ua, src, detail))
                else:
                    c.add(ua, 'bot', src, detail)
            elif dc in Y_HUMAN_DEVICE and Y_HUMAN_SKIP.match(fn):
                c.dropped[(src, 'human_row_in_excluded_file')] += 1
            elif dc in Y_HUMAN_DEVICE and ac in Y_HUMAN_AGENT:
                c.add(ua, 'human', src, detail)
            elif dc in Y_HUMAN_DEVICE and ac in ('Mobile App', 'MobileApp') and str(ua).lstrip('"').startswith('Mozilla/'):
                # in-app webview of a mobile app (WKWebView/Android WebView based)
                c.add(ua, 'human', src, detail)
            elif dc == 'Desktop' and ac == 'Desktop App' and 'Electron/' in str(ua) and 'Cypress' not in str(ua):
                c.add(ua, 'human', src, detail)
            elif not c.try_policy(ua, src, detail):
                c.dropped[(src, 'ambiguous_class:%s/%s' % (dc, ac))] += 1
    # cap hacker strings (they flood)
    seen = {}
    for ua, src, detail in hackers:
        if ua is not None:
            seen.setdefault(str(ua).strip(), (src, detail))
    keep = sorted(seen, key=h)
    for ua in keep[CAP_YAUAA_HACKER:]:
        c.dropped[(seen[ua][0], 'cap_hacker')] += 1
    for ua in keep[:CAP_YAUAA_HACKER]:
        c.add(ua, 'bot', seen[ua][0], seen[ua][1])


def load_uap(c):
    u = UAP(os.path.join(SRC, 'uap-core-0.18.0/package/regexes.yaml'))
    base = os.path.join(SRC, 'uap-core-deb/usr/share/uap-core')
    files = ['tests/test_ua.yaml', 'tests/test_os.yaml', 'tests/test_device.yaml',
             'test_resources/firefox_user_agent_strings.yaml', 'test_resources/opera_mini_user_agent_strings.yaml']
    device_humans = collections.defaultdict(list)
    for rel in files:
        src = UAPV + ':' + rel
        for x in yaml.safe_load(open(os.path.join(base, rel), encoding='utf-8'))['test_cases']:
            ua = x.get('user_agent_string')
            if ua is None:
                continue
            # label fields: test_device.yaml gives the device family, test_ua.yaml the UA family; the other is
            # computed with uap-core 0.18.0 regexes.yaml (the parser's own rules)
            dev = x['family'] if rel == 'tests/test_device.yaml' else u.device_family(ua)
            fam = x['family'] if rel in ('tests/test_ua.yaml',) or rel.startswith('test_resources/') else u.ua_family(ua)
            detail = 'ua_family=%s;device_family=%s' % (fam, dev)
            if dev == 'Spider':
                c.add(ua, 'bot', src, detail)
            elif fam in UAP_BOT_FAMILIES:
                c.add(ua, 'bot', src, detail + ';bot_family_list')
            elif fam in UAP_HUMAN_FAMILIES:
                if rel == 'tests/test_device.yaml' and coarse(ua) not in INAPP_FAMILIES:
                    device_humans[fam].append((ua, src, detail))
                else:
                    c.add(ua, 'human', src, detail)
            elif not c.try_policy(ua, src, detail):
                c.dropped[(src, 'ambiguous_family')] += 1
    for fam, lst in device_humans.items():
        lst = sorted({r[0]: r for r in lst}.values(), key=lambda r: h(r[0]))
        for r in lst[CAP_UAP_DEVICE_PER_FAMILY:]:
            c.dropped[(r[1], 'cap_per_ua_family')] += 1
        for r in lst[:CAP_UAP_DEVICE_PER_FAMILY]:
            c.add(r[0], 'human', r[1], r[2])


def load_top(c):
    base = os.path.join(SRC, 'top-user-agents-2.1.138/package/src')
    for name in ('desktop', 'mobile', 'index'):
        src = TOP + ':src/%s.json' % name
        for ua in json.load(open(os.path.join(base, name + '.json'), encoding='utf-8')):
            prob = traffic_shape_problem(ua.strip())
            if prob:
                c.dropped[(src, 'traffic_' + prob)] += 1
                continue
            c.add(ua, 'human', src, 'list=%s' % name)


def load_uas(c):
    src = UAS + ':dist/user-agents.json'
    d = json.load(open(os.path.join(SRC, 'user-agents-2.1.198/package/dist/user-agents.json'), encoding='utf-8'))
    best = {}
    for p in d:
        ua = p.get('userAgent')
        if ua is None:
            continue
        if ua not in best or p.get('weight', 0) > best[ua].get('weight', 0):
            best[ua] = p
    c.stats.setdefault(src, collections.Counter())['profiles_in_file'] = len(d)
    for ua, p in sorted(best.items(), key=lambda kv: -kv[1].get('weight', 0)):
        prob = traffic_shape_problem(ua.strip())
        if not prob and p.get('deviceCategory') != 'desktop' and p.get('platform') in ('Linux x86_64', 'Win32', 'MacIntel'):
            prob = 'mobile_ua_on_desktop_platform'
        if prob:
            c.dropped[(src, 'traffic_' + prob)] += 1
            continue
        c.add(ua, 'human', src, 'deviceCategory=%s;platform=%s;vendor=%s' % (
            p.get('deviceCategory'), p.get('platform'), p.get('vendor') or '-'))


def load_uapjs(c):
    base = os.path.join(SRC, 'ua-parser-js-1.0.2/package/test')
    src = UAPJS + ':test/browser-test.json'
    for x in json.load(open(os.path.join(base, 'browser-test.json'), encoding='utf-8')):
        name = (x.get('expect') or {}).get('name')
        detail = 'browser.name=%s;desc=%s' % (name, x.get('desc'))
        if name in ('Chrome Headless', 'PhantomJS'):
            c.add(x['ua'], 'bot', src, detail)
        elif name and name != 'undefined':
            c.add(x['ua'], 'human', src, detail)
        else:
            c.dropped[(src, 'no_browser_name')] += 1
    src = UAPJS + ':test/device-test.json'
    for x in json.load(open(os.path.join(base, 'device-test.json'), encoding='utf-8')):
        t = (x.get('expect') or {}).get('type')
        ua = x.get('ua') or ''
        if t in ('mobile', 'tablet', 'smarttv', 'console', 'wearable') and re.match(r'(Mozilla|Opera)/', ua):
            c.add(ua, 'human', src, 'device.type=%s;desc=%s' % (t, x.get('desc')))
        else:
            c.dropped[(src, 'not_browser_shaped_or_no_type')] += 1


def load_woothee(c):
    for f in sorted(glob.glob(os.path.join(SRC, 'woothee-1.11.1/package/woothee/testsets/*.yaml'))):
        src = WOOTHEE + ':woothee/testsets/' + os.path.basename(f)
        for x in yaml.safe_load(open(f, encoding='utf-8')) or []:
            cat = x.get('category')
            detail = 'category=%s;name=%s' % (cat, x.get('name'))
            if cat == 'crawler':
                c.add(x.get('target'), 'bot', src, detail)
            elif cat in ('pc', 'smartphone', 'mobilephone', 'appliance'):
                c.add(x.get('target'), 'human', src, detail)
            elif not c.try_policy(x.get('target'), src, detail):
                c.dropped[(src, 'category_%s' % cat)] += 1


def load_mssola(c):
    f = os.path.join(SRC, 'golang-github-mssola-user-agent-dev/usr/share/gocode/src/github.com/mssola/user_agent/all_test.go')
    src = MSSOLA + ':all_test.go'
    txt = open(f, encoding='utf-8').read()
    rx = re.compile(r'title:\s*"((?:[^"\\]|\\.)*)",\s*ua:\s*"((?:[^"\\]|\\.)*)",\s*expected:\s*"((?:[^"\\]|\\.)*)"')
    for m in rx.finditer(txt):
        title, ua, exp = (json.loads('"%s"' % g) for g in m.groups())
        b = re.search(r'Bot:(true|false)', exp)
        if not b:
            c.dropped[(src, 'no_bot_flag')] += 1
            continue
        c.add(ua, 'bot' if b.group(1) == 'true' else 'human', src, 'title=%s;Bot:%s' % (title, b.group(1)))


def load_curated(c):
    f = os.path.join(HERE, 'curated_github.tsv')
    with open(f, encoding='utf-8') as fh:
        next(fh)
        for line in fh:
            ua, lab, repo, path, commit, detail = line.rstrip('\n').split('\t')
            c.add(ua, lab, '%s@%s:%s' % (repo, commit[:12], path), detail)


def main():
    c = Collector()
    load_cua(c)
    load_yauaa(c)
    load_uap(c)
    load_uapjs(c)
    load_woothee(c)
    load_mssola(c)
    load_curated(c)
    load_top(c)
    load_uas(c)

    # labels per UA across all sources
    labels = collections.defaultdict(set)
    for ua, lab, src, det in c.rows:
        labels[ua].add(lab)
    conflicts = {ua for ua, s in labels.items() if len(s) > 1}
    conflict_rows = [r for r in c.rows if r[0] in conflicts]

    # dedupe: first occurrence (source order above) wins
    first = {}
    also = collections.defaultdict(set)
    for r in c.rows:
        if r[0] in conflicts:
            continue
        if r[0] not in first:
            first[r[0]] = r
        also[r[0]].add(r[2])

    # per (source, coarse family) cap for humans
    humans = [r for r in first.values() if r[1] == 'human']
    bots = [r for r in first.values() if r[1] == 'bot']
    groups = collections.defaultdict(list)
    for r in humans:
        groups[(r[2].split(':')[0], coarse(r[0]))].append(r)
    humans = []
    capped = collections.Counter()
    for k, lst in groups.items():
        lst.sort(key=lambda r: h(r[0]))
        if k[1] in INAPP_FAMILIES:   # in-app / Electron rows are never capped
            humans += lst
            continue
        humans += lst[:CAP_HUMAN_PER_SOURCE_FAMILY]
        if len(lst) > CAP_HUMAN_PER_SOURCE_FAMILY:
            capped['%s|%s' % k] = len(lst) - CAP_HUMAN_PER_SOURCE_FAMILY

    order = {}
    for i, r in enumerate(c.rows):
        order.setdefault(r[0], i)
    for name, rows in (('bots.tsv', bots), ('humans.tsv', humans)):
        rows.sort(key=lambda r: order[r[0]])
        with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as f:
            f.write('user_agent\tsource\tdetail\n')
            for ua, lab, src, det in rows:
                f.write('%s\t%s\t%s\n' % (ua, src, det))
    with open(os.path.join(OUT, 'conflicts.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('user_agent\tlabel\tsource\tdetail\n')
        for ua, lab, src, det in sorted(conflict_rows):
            f.write('%s\t%s\t%s\t%s\n' % (ua, lab, src, det))

    # ---- stats
    out = collections.OrderedDict()
    per = collections.defaultdict(collections.Counter)
    for r in bots:
        per[r[2]]['bots_final'] += 1
    for r in humans:
        per[r[2]]['humans_final'] += 1
    for src, st in c.stats.items():
        if src.startswith('_'):
            continue
        out[src] = dict(st)
        out[src].update(per.get(src, {}))
    for (src, why), n in c.dropped.items():
        out.setdefault(src, {})['dropped:' + why] = n
    dup_within = collections.Counter()
    seen_src = collections.defaultdict(set)
    for ua, lab, src, det in c.rows:
        seen_src[ua].add(src)
    res = {
        'per_source_file': out,
        'totals': {'bots': len(bots), 'humans': len(humans), 'conflict_uas': len(conflicts),
                   'conflict_rows': len(conflict_rows), 'candidate_rows': len(c.rows),
                   'distinct_candidate_uas': len(labels)},
        'uas_seen_in_multiple_source_files': sum(1 for v in seen_src.values() if len(v) > 1),
        'human_cap_dropped': dict(capped),
        'humans_by_coarse_family': dict(collections.Counter(coarse(r[0]) for r in humans).most_common()),
        'bots_by_source_pkg': dict(collections.Counter(r[2].split(':')[0] for r in bots)),
        'humans_by_source_pkg': dict(collections.Counter(r[2].split(':')[0] for r in humans)),
        'botlike_dropped_examples': sorted(c.stats.get('_botlike_examples', {}))[:400],
        'conflicts': sorted(conflicts),
    }
    json.dump(res, open(os.path.join(OUT, 'stats.json'), 'w'), indent=1, ensure_ascii=False)
    print(json.dumps(res['totals']), file=sys.stderr)


if __name__ == '__main__':
    main()
