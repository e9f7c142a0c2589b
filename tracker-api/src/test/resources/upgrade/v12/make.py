# Builds a V12 database with the previous release's tracker-api (8dec80a) and records its analytics answers.
import uuid, json, random, subprocess, sys, time, urllib.request, os, hashlib
JAR, OUT, PORT = sys.argv[1], sys.argv[2], 17999
ADMIN = "fixture-admin-key-0123456789abcdef"
API = f"http://127.0.0.1:{PORT}"
os.makedirs(OUT, exist_ok=True)
db = os.path.join(OUT, "tracker.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix): os.remove(db + suffix)
env = dict(os.environ, TRACKER_DB=db, TRACKER_PORT=str(PORT), TRACKER_ADMIN_KEY=ADMIN,
           TRACER_PUBLIC_BASE_URL="https://t.example.dev", TRACER_ALLOW_PRIVATE_BASE_URL="true")
server = subprocess.Popen(["java", "-jar", JAR], env=env, stdout=open(OUT + "/server.log", "w"), stderr=subprocess.STDOUT)
def call(method, path, body=None, key=ADMIN, raw=False):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(API + path, data=data, method=method, headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        raise SystemExit(f"{method} {path}: {e.code} {text}")
    return text if raw else json.loads(text)
for _ in range(100):
    try:
        urllib.request.urlopen(API + "/health"); break
    except Exception: time.sleep(0.3)
rnd = random.Random(20261203)
jobs = ["amazon-sde", "zalando-sre", "acme-data"]
for j, company in zip(jobs, ["Amazon DE", "Zalando", "Acme Corp"]):
    call("PUT", f"/api/jobs/{j}", {"company": company, "title": "Engineer"})
src = call("POST", "/api/sources", {"name": "Indeed", "type": "job_board"})
links = []
for j in jobs:
    for p, dest in enumerate(["https://github.com/jane", "https://www.linkedin.com/in/jane", "https://jane.dev/", "https://jane.dev/blog"]):
        body = {"job_id": j, "source_path": f"page1/{p}", "destination_url": dest}
        if p == 0: body["source_id"] = src["source_id"]
        links.append((j, call("POST", "/api/links", body)["tracking_id"]))
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
BOTS = ["Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "curl/8.5.0", "python-requests/2.31"]
browser = {"accept-language-present": "true", "accept": "text/html", "sec-fetch-mode": "navigate"}
base = 1793491200000  # 2026-11-01T00:00:00Z
clicks = []
n = 0
def click(tid, t, vh, ua=CHROME, method="GET", signals=browser):
    global n
    n += 1
    c = {"click_id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "tracking_id": tid, "clicked_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t / 1000)) + f".{t % 1000:03d}Z",
         "method": method, "user_agent": ua, "signals": signals}
    if vh: c["visitor_hash"] = vh
    clicks.append(c)
for i in range(3000):
    j, tid = rnd.choice(links)
    t = base + rnd.randrange(20 * 86400000)
    vh = None if rnd.random() < 0.1 else hashlib.sha256(f"v{rnd.randrange(400)}-{(t - base) // 86400000}".encode()).hexdigest()[:32]
    r = rnd.random()
    if r < 0.1: click(tid, t, vh, ua=rnd.choice(BOTS), signals={"accept-language-present": "false", "accept": "*/*"})
    elif r < 0.13: click(tid, t, vh, method="HEAD")
    else: click(tid, t, vh)
# bursts: one visitor, three links of a job within 2 s
for b in range(15):
    vh = hashlib.sha256(f"burst{b}".encode()).hexdigest()[:32]
    t = base + rnd.randrange(20 * 86400000)
    job_links = [tid for j, tid in links if j == "amazon-sde"]
    for k in range(3): click(job_links[k], t + k * 600, vh)
rnd.shuffle(clicks)
for i in range(0, len(clicks), 500):
    call("POST", "/api/link-tracking/record-clicks", clicks[i:i + 500])
site = call("POST", "/api/keys", {"scopes": ["conversions:write"]})["key"]
for c in clicks[:60]:
    for event in (1, 2) if int(c["click_id"][-2:], 16) % 3 else (1,):
        call("POST", "/api/conversions", {"click_id": c["click_id"], "event": event, "value": 1}, key=site)
# Answers of every analytics route over fixed ranges.
answers = {}
ranges = [("2026-11-01", "2026-11-21"), ("2026-11-03", "2026-11-04"), ("2026-11-02T05:30:00Z", "2026-11-09T17:45:10Z"),
          ("2026-11-10T00:00:00Z", "2026-11-10T13:00:00Z"), ("2026-10-01", "2026-12-01")]
for f, t in ranges:
    for bots in ("false", "true"):
        q = f"from={f}&to={t}&include_bots={bots}"
        answers[f"/api/analytics/summary?{q}"] = call("GET", f"/api/analytics/summary?{q}")
        answers[f"/api/analytics/summary?{q}&job_id=amazon-sde"] = call("GET", f"/api/analytics/summary?{q}&job_id=amazon-sde")
        answers[f"/api/analytics/top-jobs?{q}&limit=10"] = call("GET", f"/api/analytics/top-jobs?{q}&limit=10")
        answers[f"/api/analytics/top-links?{q}&limit=20"] = call("GET", f"/api/analytics/top-links?{q}&limit=20")
        answers[f"/api/analytics/timeseries?{q}&interval=day"] = call("GET", f"/api/analytics/timeseries?{q}&interval=day")
        answers[f"/api/analytics/timeseries?{q}&interval=day&job_id=zalando-sre"] = call("GET", f"/api/analytics/timeseries?{q}&interval=day&job_id=zalando-sre")
        answers[f"/api/jobs/amazon-sde/analytics?{q}"] = call("GET", f"/api/jobs/amazon-sde/analytics?{q}")
answers["/api/analytics/timeseries?from=2026-11-03&to=2026-11-05&interval=hour&include_bots=true"] = call("GET", "/api/analytics/timeseries?from=2026-11-03&to=2026-11-05&interval=hour&include_bots=true")
# With its range given: the default range ends today, and the test runs on later days.
answers["/api/analytics/sources?from=2026-11-01&to=2026-12-01"] = call("GET", "/api/analytics/sources?from=2026-11-01&to=2026-12-01")
for j, tid in links:
    a = call("GET", f"/api/link-tracking/analytics/{tid}?include_bots=true")
    a["click_statistics"].pop("clicks_24h", None); a["click_statistics"].pop("clicks_7d", None)
    answers[f"/api/link-tracking/analytics/{tid}?include_bots=true"] = a
csv = call("GET", "/api/analytics/clicks.csv?include_bots=true&from=2026-10-01&to=2026-12-01", raw=True)
json.dump(answers, open(OUT + "/answers.json", "w"), indent=1, sort_keys=True)
open(OUT + "/clicks.csv", "w").write(csv)
server.terminate(); server.wait()
print("clicks", len(clicks), "answers", len(answers))
