-- Distinct visitors of part of a day, from rollups (issue #4): a range that starts or ends inside a day
-- covers that day from some hour to its end, or from its start to some hour. A visitor has a click in
-- the hours from h to the day's end when their last click of the day is in one of those hours, and in
-- the hours from the day's start to h when their first one is. So per hour, count the visitors whose
-- first (last) click of the day it holds, among all clicks and among human clicks: sums of these over
-- hours give exact visitor counts of a day's head or tail. Only the minutes before the first whole
-- hour (after the last) are still read from clicks. Days and hours are UTC, as in V7.
CREATE TABLE click_hour_visitors (
    hour             INTEGER PRIMARY KEY,
    first_seen       INTEGER NOT NULL DEFAULT 0,
    last_seen        INTEGER NOT NULL DEFAULT 0,
    human_first_seen INTEGER NOT NULL DEFAULT 0,
    human_last_seen  INTEGER NOT NULL DEFAULT 0
);

-- The clicks already stored.
WITH days AS MATERIALIZED (
    SELECT min(clicked_at) AS first_at, max(clicked_at) AS last_at,
           min(CASE WHEN is_bot = 0 THEN clicked_at END) AS human_first_at, max(CASE WHEN is_bot = 0 THEN clicked_at END) AS human_last_at
      FROM link_clicks WHERE visitor_hash IS NOT NULL GROUP BY visitor_hash, clicked_at / 86400000)
INSERT INTO click_hour_visitors (hour, first_seen, last_seen, human_first_seen, human_last_seen)
SELECT hour, sum(first_seen), sum(last_seen), sum(human_first_seen), sum(human_last_seen) FROM (
    SELECT first_at / 3600000 AS hour, 1 AS first_seen, 0 AS last_seen, 0 AS human_first_seen, 0 AS human_last_seen FROM days
    UNION ALL SELECT last_at / 3600000, 0, 1, 0, 0 FROM days
    UNION ALL SELECT human_first_at / 3600000, 0, 0, 1, 0 FROM days WHERE human_first_at IS NOT NULL
    UNION ALL SELECT human_last_at / 3600000, 0, 0, 0, 1 FROM days WHERE human_last_at IS NOT NULL)
 GROUP BY hour;

-- A new click holds its visitor's first click of the day when no other click of theirs that day is in
-- an earlier hour or the same one; the hour that held it before (another click of theirs, all in later
-- hours) then gives it up. The same for the last click, and for human clicks among human clicks.
-- "Other" excludes the new row itself, already in the table. Every probe is one seek on a visitor index.
CREATE TRIGGER click_hour_visitors_on_insert AFTER INSERT ON link_clicks WHEN NEW.visitor_hash IS NOT NULL
BEGIN
    INSERT INTO click_hour_visitors (hour, first_seen, last_seen, human_first_seen, human_last_seen)
    SELECT NEW.clicked_at / 3600000,
           NOT EXISTS (SELECT 1 FROM link_clicks x INDEXED BY link_clicks_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 3600000 + 1) * 3600000),
           NOT EXISTS (SELECT 1 FROM link_clicks x INDEXED BY link_clicks_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                          AND x.clicked_at >= NEW.clicked_at / 3600000 * 3600000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000),
           CASE WHEN NEW.is_bot = 0 THEN NOT EXISTS (SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 3600000 + 1) * 3600000) ELSE 0 END,
           CASE WHEN NEW.is_bot = 0 THEN NOT EXISTS (SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 3600000 * 3600000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000) ELSE 0 END
     WHERE true
    ON CONFLICT (hour) DO UPDATE SET first_seen = first_seen + excluded.first_seen, last_seen = last_seen + excluded.last_seen,
           human_first_seen = human_first_seen + excluded.human_first_seen, human_last_seen = human_last_seen + excluded.human_last_seen;

    INSERT INTO click_hour_visitors (hour, first_seen)
    SELECT held / 3600000, -1 FROM (SELECT (SELECT x.clicked_at FROM link_clicks x INDEXED BY link_clicks_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                        ORDER BY x.clicked_at LIMIT 1) AS held)
     WHERE held >= (NEW.clicked_at / 3600000 + 1) * 3600000
    ON CONFLICT (hour) DO UPDATE SET first_seen = first_seen + excluded.first_seen;

    INSERT INTO click_hour_visitors (hour, last_seen)
    SELECT held / 3600000, -1 FROM (SELECT (SELECT x.clicked_at FROM link_clicks x INDEXED BY link_clicks_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                        ORDER BY x.clicked_at DESC LIMIT 1) AS held)
     WHERE held < NEW.clicked_at / 3600000 * 3600000
    ON CONFLICT (hour) DO UPDATE SET last_seen = last_seen + excluded.last_seen;

    INSERT INTO click_hour_visitors (hour, human_first_seen)
    SELECT held / 3600000, -1 FROM (SELECT (SELECT x.clicked_at FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                        ORDER BY x.clicked_at LIMIT 1) AS held)
     WHERE NEW.is_bot = 0 AND held >= (NEW.clicked_at / 3600000 + 1) * 3600000
    ON CONFLICT (hour) DO UPDATE SET human_first_seen = human_first_seen + excluded.human_first_seen;

    INSERT INTO click_hour_visitors (hour, human_last_seen)
    SELECT held / 3600000, -1 FROM (SELECT (SELECT x.clicked_at FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                        ORDER BY x.clicked_at DESC LIMIT 1) AS held)
     WHERE NEW.is_bot = 0 AND held < NEW.clicked_at / 3600000 * 3600000
    ON CONFLICT (hour) DO UPDATE SET human_last_seen = human_last_seen + excluded.human_last_seen;
END;

-- A click re-labelled joins or leaves the human clicks: taking it out undoes exactly what putting it in
-- does, given the same other human clicks, so both are the insert's human steps times the sign
-- (+1 for bot to human, -1 for human to bot).
CREATE TRIGGER click_hour_visitors_on_relabel AFTER UPDATE OF is_bot ON link_clicks
WHEN (OLD.is_bot = 0) <> (NEW.is_bot = 0) AND NEW.visitor_hash IS NOT NULL
BEGIN
    INSERT INTO click_hour_visitors (hour, human_first_seen, human_last_seen)
    SELECT NEW.clicked_at / 3600000,
           ((NEW.is_bot = 0) * 2 - 1) * NOT EXISTS (SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 3600000 + 1) * 3600000),
           ((NEW.is_bot = 0) * 2 - 1) * NOT EXISTS (SELECT 1 FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 3600000 * 3600000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000)
     WHERE true
    ON CONFLICT (hour) DO UPDATE SET human_first_seen = human_first_seen + excluded.human_first_seen,
           human_last_seen = human_last_seen + excluded.human_last_seen;

    INSERT INTO click_hour_visitors (hour, human_first_seen)
    SELECT held / 3600000, 1 - (NEW.is_bot = 0) * 2 FROM (SELECT (SELECT x.clicked_at FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                        ORDER BY x.clicked_at LIMIT 1) AS held)
     WHERE held >= (NEW.clicked_at / 3600000 + 1) * 3600000
    ON CONFLICT (hour) DO UPDATE SET human_first_seen = human_first_seen + excluded.human_first_seen;

    INSERT INTO click_hour_visitors (hour, human_last_seen)
    SELECT held / 3600000, 1 - (NEW.is_bot = 0) * 2 FROM (SELECT (SELECT x.clicked_at FROM link_clicks x INDEXED BY link_clicks_human_by_visitor_time
                        WHERE x.visitor_hash = NEW.visitor_hash AND x.click_id <> NEW.click_id AND x.is_bot = 0
                          AND x.clicked_at >= NEW.clicked_at / 86400000 * 86400000 AND x.clicked_at < (NEW.clicked_at / 86400000 + 1) * 86400000
                        ORDER BY x.clicked_at DESC LIMIT 1) AS held)
     WHERE held < NEW.clicked_at / 3600000 * 3600000
    ON CONFLICT (hour) DO UPDATE SET human_last_seen = human_last_seen + excluded.human_last_seen;
END;
