-- Analytics scan clicks by time; the job of a click comes from its link.
CREATE INDEX link_clicks_by_time ON link_clicks (clicked_at, is_bot);
CREATE INDEX link_tracking_by_job ON link_tracking (job_id, created_at);
