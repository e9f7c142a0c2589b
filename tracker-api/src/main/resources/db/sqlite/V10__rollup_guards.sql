-- The first and last human click of a link, read by top lists and the job drilldown: without this
-- index of human clicks only, finding the last one walks every bot click after it.
CREATE INDEX link_clicks_human_by_link_time ON link_clicks (tracking_id, clicked_at) WHERE is_bot = 0;

-- The rollups of V7 rely on these; they hold in the code, and now the database refuses to break them.
CREATE TRIGGER link_clicks_are_never_deleted BEFORE DELETE ON link_clicks
BEGIN
    SELECT RAISE(ABORT, 'clicks are never deleted, the analytics rollups count them');
END;

CREATE TRIGGER link_clicks_never_move BEFORE UPDATE OF clicked_at, tracking_id, visitor_hash ON link_clicks
WHEN OLD.clicked_at IS NOT NEW.clicked_at OR OLD.tracking_id IS NOT NEW.tracking_id OR OLD.visitor_hash IS NOT NEW.visitor_hash
BEGIN
    SELECT RAISE(ABORT, 'a click keeps its time, link and visitor, the analytics rollups count it there');
END;

CREATE TRIGGER links_keep_their_job BEFORE UPDATE OF job_id ON link_tracking WHEN OLD.job_id IS NOT NEW.job_id
BEGIN
    SELECT RAISE(ABORT, 'a link keeps its job, the analytics rollups count its clicks there');
END;
