-- Tracking links (issue #6): a link may append the click id and a source's tracking code to its destination.
ALTER TABLE link_tracking ADD COLUMN append_click_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_tracking ADD COLUMN click_id_param TEXT;
ALTER TABLE link_tracking ADD COLUMN source_id TEXT;
ALTER TABLE link_tracking ADD COLUMN title TEXT;
ALTER TABLE link_tracking ADD COLUMN credited_to TEXT;
ALTER TABLE link_tracking ADD COLUMN tracking_code TEXT;
ALTER TABLE link_tracking ADD COLUMN tracking_code_param TEXT;
CREATE UNIQUE INDEX link_tracking_by_code ON link_tracking (tracking_code) WHERE tracking_code IS NOT NULL;
CREATE INDEX link_tracking_by_source ON link_tracking (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE sources (
    source_id  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- One row per click and event: reporting the same conversion again changes nothing. Whether it was a
-- bot's is read from the click at query time, so re-classifying clicks re-labels their conversions.
CREATE TABLE conversions (
    click_id    TEXT NOT NULL,
    event       INTEGER NOT NULL,
    tracking_id TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    value       REAL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (click_id, event)
);
CREATE INDEX conversions_by_link ON conversions (tracking_id, occurred_at);
