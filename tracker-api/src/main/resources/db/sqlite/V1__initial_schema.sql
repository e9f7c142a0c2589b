-- Timestamps are epoch milliseconds (UTC). Column names follow the integration guide where it has them.

CREATE TABLE jobs (
    job_id               TEXT PRIMARY KEY,
    company              TEXT NOT NULL,
    title                TEXT,
    tracer_links_enabled INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

-- The guide's link_tracking, plus source_path for the reuse rules. No foreign key to jobs:
-- a link already sent in a PDF outlives its job and is only ever deactivated, never deleted.
CREATE TABLE link_tracking (
    tracking_id    TEXT PRIMARY KEY,
    job_id         TEXT,
    application_id TEXT,
    link_function  TEXT NOT NULL,
    link_type      TEXT NOT NULL,
    original_url   TEXT NOT NULL,
    redirect_url   TEXT NOT NULL,
    source_path    TEXT,
    created_at     INTEGER NOT NULL,
    created_by     TEXT NOT NULL DEFAULT 'system',
    is_active      INTEGER NOT NULL DEFAULT 1,
    description    TEXT
);
CREATE INDEX link_tracking_by_job_path ON link_tracking (job_id, source_path, original_url);

-- The guide's link_clicks without ip_address: only the anonymised prefix and a daily-salted
-- visitor hash are kept, and only the referrer's host.
CREATE TABLE link_clicks (
    click_id      TEXT PRIMARY KEY,
    tracking_id   TEXT NOT NULL REFERENCES link_tracking (tracking_id),
    clicked_at    INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    ip_prefix     TEXT,
    visitor_hash  TEXT,
    user_agent    TEXT,
    referrer_host TEXT,
    session_id    TEXT,
    click_source  TEXT,
    method        TEXT,
    metadata      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX link_clicks_by_link_time ON link_clicks (tracking_id, clicked_at);

-- Only a SHA-256 of each secret is stored.
CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    name       TEXT,
    key_hash   TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- One salt per UTC day for visitor hashes; rows older than two days are deleted.
CREATE TABLE visitor_salts (
    day        TEXT PRIMARY KEY,
    salt       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
