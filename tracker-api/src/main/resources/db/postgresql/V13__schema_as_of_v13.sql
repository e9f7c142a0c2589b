-- PostgreSQL starts at V13 with the schema SQLite has after its V1 to V13 (db/sqlite), written once for this
-- engine: times are epoch milliseconds (BIGINT), flags are 0/1 integers as in SQLite, so that the queries
-- that compare them read the same on both engines. Text compares byte by byte (COLLATE "C"), as in SQLite, so that
-- lists ordered by name or id come out in the same order whatever locale the database was created with. Rollups are kept by Java (ClickStore); the three guards
-- below state invariants the rollups rely on, as SQLite's V10 does.

CREATE TABLE jobs (
    job_id               TEXT COLLATE "C" PRIMARY KEY,
    company              TEXT COLLATE "C" NOT NULL,
    title                TEXT COLLATE "C",
    tracer_links_enabled INTEGER NOT NULL DEFAULT 0,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);

CREATE TABLE sources (
    source_id  TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    type       TEXT COLLATE "C" NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE link_tracking (
    tracking_id         TEXT COLLATE "C" PRIMARY KEY,
    job_id              TEXT COLLATE "C",
    application_id      TEXT COLLATE "C",
    link_function       TEXT COLLATE "C" NOT NULL,
    link_type           TEXT COLLATE "C" NOT NULL,
    original_url        TEXT COLLATE "C" NOT NULL,
    redirect_url        TEXT COLLATE "C" NOT NULL,
    source_path         TEXT COLLATE "C",
    created_at          BIGINT NOT NULL,
    created_by          TEXT COLLATE "C" NOT NULL DEFAULT 'system',
    is_active           INTEGER NOT NULL DEFAULT 1,
    description         TEXT COLLATE "C",
    change_seq          BIGINT,
    append_click_id     INTEGER NOT NULL DEFAULT 0,
    click_id_param      TEXT COLLATE "C",
    source_id           TEXT COLLATE "C",
    title               TEXT COLLATE "C",
    credited_to         TEXT COLLATE "C",
    tracking_code       TEXT COLLATE "C",
    tracking_code_param TEXT COLLATE "C"
);
CREATE INDEX link_tracking_by_job_path ON link_tracking (job_id, source_path, original_url);
CREATE UNIQUE INDEX link_tracking_by_change_seq ON link_tracking (change_seq);
CREATE INDEX link_tracking_by_job ON link_tracking (job_id, created_at);
CREATE UNIQUE INDEX link_tracking_by_code ON link_tracking (tracking_code) WHERE tracking_code IS NOT NULL;
CREATE INDEX link_tracking_by_source ON link_tracking (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE link_clicks (
    click_id      TEXT COLLATE "C" PRIMARY KEY,
    tracking_id   TEXT COLLATE "C" NOT NULL REFERENCES link_tracking (tracking_id),
    clicked_at    BIGINT NOT NULL,
    received_at   BIGINT NOT NULL,
    ip_prefix     TEXT COLLATE "C",
    visitor_hash  TEXT COLLATE "C",
    user_agent    TEXT COLLATE "C",
    referrer_host TEXT COLLATE "C",
    session_id    TEXT COLLATE "C",
    click_source  TEXT COLLATE "C",
    method        TEXT COLLATE "C",
    metadata      TEXT COLLATE "C" NOT NULL DEFAULT '{}',
    signals       TEXT COLLATE "C" NOT NULL DEFAULT '{}',
    is_bot        INTEGER NOT NULL DEFAULT 0,
    bot_reason    TEXT COLLATE "C"
);
CREATE INDEX link_clicks_by_link_time ON link_clicks (tracking_id, clicked_at);
CREATE INDEX link_clicks_by_visitor_time ON link_clicks (visitor_hash, clicked_at);
CREATE INDEX link_clicks_by_time_counted ON link_clicks (clicked_at, is_bot, tracking_id, visitor_hash);
CREATE INDEX link_clicks_human_by_visitor_time ON link_clicks (visitor_hash, clicked_at) WHERE is_bot = 0;
CREATE INDEX link_clicks_human_by_link_time ON link_clicks (tracking_id, clicked_at) WHERE is_bot = 0;

CREATE TABLE api_keys (
    id         TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C",
    key_hash   TEXT COLLATE "C" NOT NULL,
    scopes     TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE conversions (
    click_id    TEXT COLLATE "C" NOT NULL,
    event       INTEGER NOT NULL,
    tracking_id TEXT COLLATE "C" NOT NULL,
    occurred_at BIGINT NOT NULL,
    value       DOUBLE PRECISION,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (click_id, event)
);
CREATE INDEX conversions_by_link ON conversions (tracking_id, occurred_at);

CREATE TABLE click_days (
    day            BIGINT PRIMARY KEY,
    human          BIGINT NOT NULL DEFAULT 0,
    bot            BIGINT NOT NULL DEFAULT 0,
    human_visitors BIGINT NOT NULL DEFAULT 0,
    visitors       BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE click_hours (
    hour  BIGINT PRIMARY KEY,
    human BIGINT NOT NULL DEFAULT 0,
    bot   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE click_hour_visitors (
    hour             BIGINT PRIMARY KEY,
    first_seen       BIGINT NOT NULL DEFAULT 0,
    last_seen        BIGINT NOT NULL DEFAULT 0,
    human_first_seen BIGINT NOT NULL DEFAULT 0,
    human_last_seen  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE click_days_by_job (
    job_id               TEXT COLLATE "C" NOT NULL,
    day                  BIGINT NOT NULL,
    human                BIGINT NOT NULL DEFAULT 0,
    bot                  BIGINT NOT NULL DEFAULT 0,
    human_visitors       BIGINT NOT NULL DEFAULT 0,
    visitors             BIGINT NOT NULL DEFAULT 0,
    human_visitors_total BIGINT NOT NULL DEFAULT 0,
    visitors_total       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, day)
);

CREATE TABLE click_days_by_link (
    tracking_id          TEXT COLLATE "C" NOT NULL,
    day                  BIGINT NOT NULL,
    human                BIGINT NOT NULL DEFAULT 0,
    bot                  BIGINT NOT NULL DEFAULT 0,
    human_visitors       BIGINT NOT NULL DEFAULT 0,
    visitors             BIGINT NOT NULL DEFAULT 0,
    human_visitors_total BIGINT NOT NULL DEFAULT 0,
    visitors_total       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tracking_id, day)
);

CREATE TABLE stale_job_totals (job_id TEXT COLLATE "C" PRIMARY KEY);
CREATE TABLE stale_link_totals (tracking_id TEXT COLLATE "C" PRIMARY KEY);

CREATE TABLE link_click_totals (
    tracking_id TEXT COLLATE "C" NOT NULL,
    clicked_at  BIGINT NOT NULL,
    human       BIGINT NOT NULL,
    bot         BIGINT NOT NULL,
    PRIMARY KEY (tracking_id, clicked_at)
);

CREATE TABLE stale_link_click_totals (
    tracking_id TEXT COLLATE "C" PRIMARY KEY,
    since       BIGINT NOT NULL
);

-- Guards: the rollups count a click at its time, link, visitor and job, and never uncount it.
CREATE FUNCTION refuse_click_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clicks are never deleted, the analytics rollups count them';
END $$;
CREATE TRIGGER link_clicks_are_never_deleted BEFORE DELETE ON link_clicks
    FOR EACH ROW EXECUTE FUNCTION refuse_click_delete();

CREATE FUNCTION refuse_click_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.clicked_at IS DISTINCT FROM NEW.clicked_at OR OLD.tracking_id IS DISTINCT FROM NEW.tracking_id
            OR OLD.visitor_hash IS DISTINCT FROM NEW.visitor_hash THEN
        RAISE EXCEPTION 'a click keeps its time, link and visitor, the analytics rollups count it there';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER link_clicks_never_move BEFORE UPDATE OF clicked_at, tracking_id, visitor_hash ON link_clicks
    FOR EACH ROW EXECUTE FUNCTION refuse_click_move();

CREATE FUNCTION refuse_link_job_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.job_id IS DISTINCT FROM NEW.job_id THEN
        RAISE EXCEPTION 'a link keeps its job, the analytics rollups count its clicks there';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER links_keep_their_job BEFORE UPDATE OF job_id ON link_tracking
    FOR EACH ROW EXECUTE FUNCTION refuse_link_job_change();
