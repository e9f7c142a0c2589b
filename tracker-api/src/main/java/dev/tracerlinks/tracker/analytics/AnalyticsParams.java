package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.QueryParams;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The parameters every analytics route shares: {@code from} and {@code to} (ISO dates, meaning whole
 * UTC days, or timestamps; default: the last 30 UTC days, today included), {@code include_bots} (default false), and
 * {@code job_id}, {@code limit} and {@code interval} where they apply. {@code to} is exclusive; a date
 * as {@code to} includes that whole day.
 */
record AnalyticsParams(Instant from, Instant to, boolean includeBots, String jobId, int limit, Interval interval) {
    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    /** Dates outside these are typos, and would overflow the millisecond timestamps the queries use. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /** Time series buckets. */
    enum Interval {
        HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

        final Duration length;

        Interval(Duration length) {
            this.length = length;
        }
    }

    static AnalyticsParams parse(Context ctx, Clock clock) {
        Instant to = instant(ctx, "to", true);
        Instant from = instant(ctx, "from", false);
        if (to == null) {
            // The end of today: whole days are answered from the daily rollups, partial ones from every click.
            to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (from == null) {
            from = to.minus(DEFAULT_SPAN);
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from (" + from + ") must be before to (" + to + ").");
        }
        String jobId = ctx.queryParam("job_id");
        int limit = (int) QueryParams.number(ctx, "limit", 10, 1, 1000);
        return new AnalyticsParams(from, to, QueryParams.bool(ctx, "include_bots", false),
                jobId == null || jobId.isBlank() ? null : jobId.strip(), limit, interval(ctx));
    }

    private static Interval interval(Context ctx) {
        String value = ctx.queryParam("interval");
        if (value == null || value.isBlank()) {
            return Interval.DAY;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "day" -> Interval.DAY;
            case "hour" -> Interval.HOUR;
            default -> throw ApiException.badRequest("interval must be day or hour, got \"" + value + "\".");
        };
    }

    private static Instant instant(Context ctx, String name, boolean endOfDay) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            Instant instant;
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                instant = (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                instant = OffsetDateTime.parse(text).toInstant();
            }
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ApiException.badRequest(name + " must lie between " + EARLIEST + " and " + LATEST + ", got \"" + value + "\".");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO date (2025-07-27) or timestamp (2025-07-27T21:15:30Z), got \""
                    + value + "\".");
        }
    }
}
