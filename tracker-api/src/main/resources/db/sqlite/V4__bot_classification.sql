-- Every click is classified at ingestion (and again on demand): human, or bot with the rule that said so.
ALTER TABLE link_clicks ADD COLUMN is_bot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_clicks ADD COLUMN bot_reason TEXT;
-- Burst detection looks at one visitor's clicks around a moment.
CREATE INDEX link_clicks_by_visitor_time ON link_clicks (visitor_hash, clicked_at);
