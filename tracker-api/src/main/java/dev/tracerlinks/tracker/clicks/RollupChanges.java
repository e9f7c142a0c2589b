package dev.tracerlinks.tracker.clicks;

import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The changes one write makes to the rollup tables of V7 and V11, added up in memory and written as
 * one batched upsert per table: {@code click_days}, {@code click_hours}, {@code click_days_by_job},
 * {@code click_days_by_link} (clicks and visitors) and {@code click_hour_visitors} (the hours of
 * visitor-days' first and last clicks). A rollup row is never deleted; a change that nets to zero is
 * not written.
 */
final class RollupChanges {
    /** Changes of one row of a daily or hourly table. */
    static final class Tally {
        long human;
        long bot;
        long humanVisitors;
        long visitors;

        boolean isZero() {
            return human == 0 && bot == 0 && humanVisitors == 0 && visitors == 0;
        }
    }

    /** Changes of one row of {@code click_hour_visitors}. */
    static final class HourVisitors {
        long firstSeen;
        long lastSeen;
        long humanFirstSeen;
        long humanLastSeen;

        boolean isZero() {
            return firstSeen == 0 && lastSeen == 0 && humanFirstSeen == 0 && humanLastSeen == 0;
        }
    }

    record KeyDay(String key, long day) implements Comparable<KeyDay> {
        @Override
        public int compareTo(KeyDay other) {
            int byKey = key.compareTo(other.key);
            return byKey != 0 ? byKey : Long.compare(day, other.day);
        }
    }

    // Sorted, so that concurrent writers on PostgreSQL take row locks in one order.
    final Map<Long, Tally> days = new TreeMap<>();
    final Map<Long, Tally> hours = new TreeMap<>();
    final Map<KeyDay, Tally> jobDays = new TreeMap<>();
    final Map<KeyDay, Tally> linkDays = new TreeMap<>();
    final Map<Long, HourVisitors> hourVisitors = new TreeMap<>();

    /** One click in ({@code sign} +1) or out (-1) of the counts of its day, hour, job and link. */
    void click(ClickStore.Counted click, int sign) {
        long day = click.day();
        for (Tally tally : new Tally[] {days.computeIfAbsent(day, d -> new Tally()),
                hours.computeIfAbsent(Math.floorDiv(click.clickedAt(), ClickStore.HOUR), h -> new Tally()),
                jobDays.computeIfAbsent(new KeyDay(click.jobId(), day), k -> new Tally()),
                linkDays.computeIfAbsent(new KeyDay(click.trackingId(), day), k -> new Tally())}) {
            if (click.isBot()) {
                tally.bot += sign;
            } else {
                tally.human += sign;
            }
        }
    }

    /** A visitor-day's visitors in ({@code sign} +1) or out (-1) of the rollups; an empty day counts nothing. */
    void visitors(VisitorDay visitorDay, int sign) {
        if (visitorDay == null || visitorDay.isEmpty()) {
            return;
        }
        long day = visitorDay.key.day();
        boolean human = visitorDay.hasHuman();
        Tally total = days.computeIfAbsent(day, d -> new Tally());
        total.visitors += sign;
        total.humanVisitors += human ? sign : 0;
        for (String job : visitorDay.jobs()) {
            Tally tally = jobDays.computeIfAbsent(new KeyDay(job, day), k -> new Tally());
            tally.visitors += sign;
            tally.humanVisitors += visitorDay.hasHumanInJob(job) ? sign : 0;
        }
        visitorDay.links.forEach((link, span) -> {
            Tally tally = linkDays.computeIfAbsent(new KeyDay(link, day), k -> new Tally());
            tally.visitors += sign;
            tally.humanVisitors += span.hasHuman() ? sign : 0;
        });
        hourVisitors.computeIfAbsent(Math.floorDiv(visitorDay.firstAt(), ClickStore.HOUR), h -> new HourVisitors()).firstSeen += sign;
        hourVisitors.computeIfAbsent(Math.floorDiv(visitorDay.lastAt(), ClickStore.HOUR), h -> new HourVisitors()).lastSeen += sign;
        if (human) {
            hourVisitors.computeIfAbsent(Math.floorDiv(visitorDay.firstHumanAt(), ClickStore.HOUR), h -> new HourVisitors())
                    .humanFirstSeen += sign;
            hourVisitors.computeIfAbsent(Math.floorDiv(visitorDay.lastHumanAt(), ClickStore.HOUR), h -> new HourVisitors())
                    .humanLastSeen += sign;
        }
    }

    void write(Handle handle) {
        var dayRows = handle.prepareBatch("""
                INSERT INTO click_days AS t (day, human, bot, human_visitors, visitors) VALUES (:day, :human, :bot, :hv, :v)
                ON CONFLICT (day) DO UPDATE SET human = t.human + excluded.human, bot = t.bot + excluded.bot,
                       human_visitors = t.human_visitors + excluded.human_visitors, visitors = t.visitors + excluded.visitors
                """);
        days.forEach((day, tally) -> {
            if (!tally.isZero()) {
                dayRows.bind("day", day).bind("human", tally.human).bind("bot", tally.bot).bind("hv", tally.humanVisitors)
                        .bind("v", tally.visitors).add();
            }
        });
        execute(dayRows);
        var hourRows = handle.prepareBatch("""
                INSERT INTO click_hours AS t (hour, human, bot) VALUES (:hour, :human, :bot)
                ON CONFLICT (hour) DO UPDATE SET human = t.human + excluded.human, bot = t.bot + excluded.bot
                """);
        hours.forEach((hour, tally) -> {
            if (!tally.isZero()) {
                hourRows.bind("hour", hour).bind("human", tally.human).bind("bot", tally.bot).add();
            }
        });
        execute(hourRows);
        writeKeyDays(handle, "click_days_by_job", "job_id", jobDays);
        writeKeyDays(handle, "click_days_by_link", "tracking_id", linkDays);
        var visitorRows = handle.prepareBatch("""
                INSERT INTO click_hour_visitors AS t (hour, first_seen, last_seen, human_first_seen, human_last_seen)
                VALUES (:hour, :first, :last, :humanFirst, :humanLast)
                ON CONFLICT (hour) DO UPDATE SET first_seen = t.first_seen + excluded.first_seen, last_seen = t.last_seen + excluded.last_seen,
                       human_first_seen = t.human_first_seen + excluded.human_first_seen,
                       human_last_seen = t.human_last_seen + excluded.human_last_seen
                """);
        hourVisitors.forEach((hour, change) -> {
            if (!change.isZero()) {
                visitorRows.bind("hour", hour).bind("first", change.firstSeen).bind("last", change.lastSeen)
                        .bind("humanFirst", change.humanFirstSeen).bind("humanLast", change.humanLastSeen).add();
            }
        });
        execute(visitorRows);
    }

    private static void writeKeyDays(Handle handle, String table, String key, Map<KeyDay, Tally> changes) {
        var rows = handle.prepareBatch("INSERT INTO " + table + " AS t (" + key + ", day, human, bot, human_visitors, visitors)"
                + " VALUES (:key, :day, :human, :bot, :hv, :v)"
                + " ON CONFLICT (" + key + ", day) DO UPDATE SET human = t.human + excluded.human, bot = t.bot + excluded.bot,"
                + " human_visitors = t.human_visitors + excluded.human_visitors, visitors = t.visitors + excluded.visitors");
        changes.forEach((keyDay, tally) -> {
            if (!tally.isZero()) {
                rows.bind("key", keyDay.key()).bind("day", keyDay.day()).bind("human", tally.human).bind("bot", tally.bot)
                        .bind("hv", tally.humanVisitors).bind("v", tally.visitors).add();
            }
        });
        execute(rows);
    }

    private static void execute(org.jdbi.v3.core.statement.PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
