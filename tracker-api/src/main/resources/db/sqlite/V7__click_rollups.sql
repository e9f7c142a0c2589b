-- Daily rollups of clicks, so analytics over whole days read a few rows instead of every click (issue #4).
-- Triggers (created in V9) keep the daily counts exact on every write: ingestion, burst flags,
-- re-classification. Clicks are only ever inserted or re-labelled (is_bot); they are never moved to
-- another link or day, or deleted (V10 enforces that).
-- Visitor hashes change every UTC day, so distinct visitors per day add up to distinct visitors over any
-- run of whole days. Days are epoch milliseconds / 86400000 (UTC), hours / 3600000.

CREATE TABLE click_days (
    day            INTEGER PRIMARY KEY,
    human          INTEGER NOT NULL DEFAULT 0,
    bot            INTEGER NOT NULL DEFAULT 0,
    human_visitors INTEGER NOT NULL DEFAULT 0,
    visitors       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE click_hours (
    hour  INTEGER PRIMARY KEY,
    human INTEGER NOT NULL DEFAULT 0,
    bot   INTEGER NOT NULL DEFAULT 0
);

-- Per job and per link, the *_total columns are running sums in day order: the counts of any run of
-- days are two lookups per job or link. The triggers only keep the daily counts; a job or link whose
-- running sums are out of date is listed in the stale tables, and ClickRollups recomputes them before
-- analytics are read. job_id is the empty string for links without a job.
CREATE TABLE click_days_by_job (
    job_id               TEXT NOT NULL,
    day                  INTEGER NOT NULL,
    human                INTEGER NOT NULL DEFAULT 0,
    bot                  INTEGER NOT NULL DEFAULT 0,
    human_visitors       INTEGER NOT NULL DEFAULT 0,
    visitors             INTEGER NOT NULL DEFAULT 0,
    human_total          INTEGER NOT NULL DEFAULT 0,
    bot_total            INTEGER NOT NULL DEFAULT 0,
    human_visitors_total INTEGER NOT NULL DEFAULT 0,
    visitors_total       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, day)
) WITHOUT ROWID;

CREATE TABLE click_days_by_link (
    tracking_id          TEXT NOT NULL,
    day                  INTEGER NOT NULL,
    human                INTEGER NOT NULL DEFAULT 0,
    bot                  INTEGER NOT NULL DEFAULT 0,
    human_visitors       INTEGER NOT NULL DEFAULT 0,
    visitors             INTEGER NOT NULL DEFAULT 0,
    human_total          INTEGER NOT NULL DEFAULT 0,
    bot_total            INTEGER NOT NULL DEFAULT 0,
    human_visitors_total INTEGER NOT NULL DEFAULT 0,
    visitors_total       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tracking_id, day)
) WITHOUT ROWID;

CREATE TABLE stale_job_totals (job_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE stale_link_totals (tracking_id TEXT PRIMARY KEY) WITHOUT ROWID;

-- The clicks already stored.
INSERT INTO click_days (day, human, bot, human_visitors, visitors)
SELECT clicked_at / 86400000, sum(is_bot = 0), sum(is_bot <> 0),
       count(DISTINCT CASE WHEN is_bot = 0 THEN visitor_hash END), count(DISTINCT visitor_hash)
  FROM link_clicks GROUP BY clicked_at / 86400000;
INSERT INTO click_hours (hour, human, bot)
SELECT clicked_at / 3600000, sum(is_bot = 0), sum(is_bot <> 0) FROM link_clicks GROUP BY clicked_at / 3600000;
INSERT INTO click_days_by_job (job_id, day, human, bot, human_visitors, visitors)
SELECT coalesce(l.job_id, ''), c.clicked_at / 86400000, sum(c.is_bot = 0), sum(c.is_bot <> 0),
       count(DISTINCT CASE WHEN c.is_bot = 0 THEN c.visitor_hash END), count(DISTINCT c.visitor_hash)
  FROM link_clicks c JOIN link_tracking l ON l.tracking_id = c.tracking_id
 GROUP BY coalesce(l.job_id, ''), c.clicked_at / 86400000;
INSERT INTO click_days_by_link (tracking_id, day, human, bot, human_visitors, visitors)
SELECT tracking_id, clicked_at / 86400000, sum(is_bot = 0), sum(is_bot <> 0),
       count(DISTINCT CASE WHEN is_bot = 0 THEN visitor_hash END), count(DISTINCT visitor_hash)
  FROM link_clicks GROUP BY tracking_id, clicked_at / 86400000;
INSERT INTO stale_job_totals (job_id) SELECT DISTINCT job_id FROM click_days_by_job;
INSERT INTO stale_link_totals (tracking_id) SELECT DISTINCT tracking_id FROM click_days_by_link;
