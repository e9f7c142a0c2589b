-- The link replica feed: every insert or deactivation stamps the row with the next change_seq, so a
-- redirector that has seen everything up to N asks for change_seq > N. Writes are serialised by
-- SQLite's single writer, so sequence numbers commit in order.
ALTER TABLE link_tracking ADD COLUMN change_seq INTEGER;
UPDATE link_tracking SET change_seq = rowid;
CREATE UNIQUE INDEX link_tracking_by_change_seq ON link_tracking (change_seq);

-- What the request looked like, for bot classification (no identity): JSON object.
ALTER TABLE link_clicks ADD COLUMN signals TEXT NOT NULL DEFAULT '{}';
