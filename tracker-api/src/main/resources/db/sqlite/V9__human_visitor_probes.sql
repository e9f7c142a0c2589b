-- The triggers that keep the rollups of V7 exact. For each click they ask whether its visitor already
-- has a click (a human click) that day, for the day, the job and the link. Those probes must not grow
-- with a visitor's clicks: they run only when they matter (CASE evaluates one branch; SQLite evaluates
-- both sides of AND), the human ones read an index of human clicks only, and every probe names its
-- index, because left to choose, the bundled SQLite walked all of a job's clicks of the day instead.
-- (Databases that applied an earlier draft of V7 had triggers of these names.)
CREATE INDEX link_clicks_human_by_visitor_time ON link_clicks (visitor_hash, clicked_at) WHERE is_bot = 0;
DROP TRIGGER IF EXISTS click_rollups_on_insert;
DROP TRIGGER IF EXISTS click_rollups_on_relabel;

-- A new click: one more human or bot click on its day, hour, job and link; one more visitor where no
-- other click of the same visitor hash is stored for that day (and job, and link).
CREATE TRIGGER click_rollups_on_insert AFTER INSERT ON link_clicks
BEGIN
    INSERT INTO click_days (day, human, bot, human_visitors, visitors)
    SELECT NEW.clicked_at / 86400000, NEW.is_bot = 0, NEW.is_bot <> 0,
           CASE WHEN NEW.is_bot = 0 AND NEW.visitor_hash IS NOT NULL THEN NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000) ELSE 0 END,
           NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_by_visitor_time
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000)
     WHERE true
    ON CONFLICT (day) DO UPDATE SET human = human + excluded.human, bot = bot + excluded.bot,
           human_visitors = human_visitors + excluded.human_visitors, visitors = visitors + excluded.visitors;

    INSERT INTO click_hours (hour, human, bot) SELECT NEW.clicked_at / 3600000, NEW.is_bot = 0, NEW.is_bot <> 0 WHERE true
    ON CONFLICT (hour) DO UPDATE SET human = human + excluded.human, bot = bot + excluded.bot;

    INSERT INTO click_days_by_job (job_id, day, human, bot, human_visitors, visitors)
    SELECT coalesce(l.job_id, ''), NEW.clicked_at / 86400000, NEW.is_bot = 0, NEW.is_bot <> 0,
           CASE WHEN NEW.is_bot = 0 AND NEW.visitor_hash IS NOT NULL THEN NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time JOIN link_tracking xl ON xl.tracking_id = x.tracking_id
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND xl.job_id IS l.job_id) ELSE 0 END,
           NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_by_visitor_time JOIN link_tracking xl ON xl.tracking_id = x.tracking_id
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
           CASE WHEN NEW.is_bot = 0 AND NEW.visitor_hash IS NOT NULL THEN NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND x.tracking_id = NEW.tracking_id) ELSE 0 END,
           NEW.visitor_hash IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_by_visitor_time
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
           human_visitors = human_visitors + ((NEW.is_bot = 0) * 2 - 1) * (CASE WHEN NEW.visitor_hash IS NOT NULL THEN NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000) ELSE 0 END)
     WHERE day = NEW.clicked_at / 86400000;

    UPDATE click_hours SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1)
     WHERE hour = NEW.clicked_at / 3600000;

    UPDATE click_days_by_job
       SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1),
           human_visitors = human_visitors + ((NEW.is_bot = 0) * 2 - 1) * (CASE WHEN NEW.visitor_hash IS NOT NULL THEN NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time JOIN link_tracking xl ON xl.tracking_id = x.tracking_id
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND coalesce(xl.job_id, '') = click_days_by_job.job_id) ELSE 0 END)
     WHERE job_id = (SELECT coalesce(job_id, '') FROM link_tracking WHERE tracking_id = NEW.tracking_id)
       AND day = NEW.clicked_at / 86400000;
    INSERT OR IGNORE INTO stale_job_totals (job_id)
    SELECT coalesce(job_id, '') FROM link_tracking WHERE tracking_id = NEW.tracking_id;

    UPDATE click_days_by_link
       SET human = human + ((NEW.is_bot = 0) * 2 - 1), bot = bot - ((NEW.is_bot = 0) * 2 - 1),
           human_visitors = human_visitors + ((NEW.is_bot = 0) * 2 - 1) * (CASE WHEN NEW.visitor_hash IS NOT NULL THEN NOT EXISTS (
               SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                  AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                  AND x.tracking_id = NEW.tracking_id) ELSE 0 END)
     WHERE tracking_id = NEW.tracking_id AND day = NEW.clicked_at / 86400000;
    INSERT OR IGNORE INTO stale_link_totals (tracking_id) VALUES (NEW.tracking_id);
END;
