-- The click store (ClickStore.java) now keeps the rollups of V7, V11 and V12 in the ingest transaction,
-- one set-based upsert per table for a whole batch, and lists running sums as stale itself. The triggers
-- that counted click by click go; the guards of V10 stay, they state what the rollups rely on.
-- Rollups and stale lists written by the triggers are exact up to here and are kept as they are.
DROP TRIGGER click_rollups_on_insert;
DROP TRIGGER click_rollups_on_relabel;
DROP TRIGGER click_hour_visitors_on_insert;
DROP TRIGGER click_hour_visitors_on_relabel;
DROP TRIGGER link_click_totals_on_insert;
DROP TRIGGER link_click_totals_on_relabel;
