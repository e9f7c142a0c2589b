-- Daily rollups of clicks, so analytics over whole days read a few rows instead of every click (issue #4).
-- Triggers keep the daily counts exact on every write: ingestion, burst flags, re-classification. Clicks
-- are only ever inserted or re-labelled (is_bot); they are never moved to another link or day, or deleted.
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

-- A new click: one more human or bot click on its day, hour, job and link; one more visitor where no
-- other click of the same visitor hash is stored for that day (and job, and link).
CREATE TRIGGER click_rollups_on_insert AFTER INSERT ON link_clicks
BEGIN
    INSERT INTO click_days (day, human, bot, human_visitors, visitors)
    SELECT NEW.clicked_at / 86400000, NEW.is_bot = 0, NEW.is_bot <> 0,
           NEW.is_bot = 0 AND NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000),
           NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000)
     WHERE true
    ON CONFLICT (day) DO UPDATE SET human = human + excluded.human, bot = bot + excluded.bot,
           human_visitors = human_visitors + excluded.human_visitors, visitors = visitors + excluded.visitors;

    INSERT INTO click_hours (hour, human, bot) SELECT NEW.clicked_at / 3600000, NEW.is_bot = 0, NEW.is_bot <> 0 WHERE true
    ON CONFLICT (hour) DO UPDATE SET human = human + excluded.human, bot = bot + excluded.bot;

    INSERT INTO click_days_by_job (job_id, day, human, bot, human_visitors, visitors)
    SELECT coalesce(l.job_id, ''), NEW.clicked_at / 86400000, NEW.is_bot = 0, NEW.is_bot <> 0,
           NEW.is_bot = 0 AND NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x JOIN link_tracking xl ON xl.tracking_id = x.tracking_id
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND xl.job_id IS l.job_id),
           NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x JOIN link_tracking xl ON xl.tracking_id = x.tracking_id
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND xl.job_id IS l.job_id)
      FROM link_tracking l WHERE l.tracking_id = NEW.tracking_id
    ON CONFLICT (job_id, day) DO UPDATE SET human = human + excluded.human, bot = bot + excluded.bot,
           human_visitors = human_visitors + excluded.human_visitors, visitors = visitors + excluded.visitors;
    INSERT OR IGNORE INTO stale_job_totals (job_id)
    SELECT coalesce(job_id, '') FROM link_tracking WHERE tracking_id = NEW.tracking_id;

    INSERT INTO click_days_by_link (tracking_id, day, human, bot, human_visitors, visitors)
    SELECT NEW.tracking_id, NEW.clicked_at / 86400000, NEW.is_bot = 0, NEW.is_bot <> 0,
           NEW.is_bot = 0 AND NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND x.tracking_id = NEW.tracking_id),
           NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND x.tracking_id = NEW.tracking_id)
     WHERE true
    ON CONFLICT (tracking_id, day) DO UPDATE SET human = human + excluded.human, bot = bot + excluded.bot,
           human_visitors = human_visitors + excluded.human_visitors, visitors = visitors + excluded.visitors;
    INSERT OR IGNORE INTO stale_link_totals (tracking_id) VALUES (NEW.tracking_id);
END;

-- A click re-labelled: it moves between human and bot; its visitor stops (or starts) being a human
-- visitor when it was the only (or is now the first) human click of that visitor hash on that day.
-- The sign is +1 for bot to human and -1 for human to bot.
CREATE TRIGGER click_rollups_on_relabel AFTER UPDATE OF is_bot ON link_clicks WHEN (OLD.is_bot = 0) <> (NEW.is_bot = 0)
BEGIN
    UPDATE click_days
       SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1),
           human_visitors = human_visitors + ((NEW.is_bot = 0) * 2 - 1) * (NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000))
     WHERE day = NEW.clicked_at / 86400000;

    UPDATE click_hours SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1)
     WHERE hour = NEW.clicked_at / 3600000;

    UPDATE click_days_by_job
       SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1),
           human_visitors = human_visitors + ((NEW.is_bot = 0) * 2 - 1) * (NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x JOIN link_tracking xl ON xl.tracking_id = x.tracking_id
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND coalesce(xl.job_id, '') = click_days_by_job.job_id))
     WHERE job_id = (SELECT coalesce(job_id, '') FROM link_tracking WHERE tracking_id = NEW.tracking_id)
       AND day = NEW.clicked_at / 86400000;
    INSERT OR IGNORE INTO stale_job_totals (job_id)
    SELECT coalesce(job_id, '') FROM link_tracking WHERE tracking_id = NEW.tracking_id;

    UPDATE click_days_by_link
       SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1),
           human_visitors = human_visitors + ((NEW.is_bot = 0) * 2 - 1) * (NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND x.tracking_id = NEW.tracking_id))
     WHERE tracking_id = NEW.tracking_id AND day = NEW.clicked_at / 86400000;
    INSERT OR IGNORE INTO stale_link_totals (tracking_id) VALUES (NEW.tracking_id);
END;
