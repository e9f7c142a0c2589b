package dev.tracerlinks.tracker.conversions;

import dev.tracerlinks.model.ConversionRecorded;
import dev.tracerlinks.model.ConversionRequest;
import dev.tracerlinks.tracker.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side conversion reporting, as job boards' click-id tracking works: the landing site got
 * the click id in the URL, kept it, and reports it when the visitor converts. Each click and event
 * is stored once; a bot's click keeps its conversion, reported apart from people's.
 */
public final class Conversions {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Event 2 is "application completed"; 1 and 3 are the site's own (e.g. application started, hired). */
    static final int DEFAULT_EVENT = 2;

    private final Jdbi jdbi;
    private final Clock clock;

    public Conversions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public ConversionRecorded record(ConversionRequest request) {
        String clickId = request.clickId() == null ? "" : request.clickId().strip().toLowerCase(java.util.Locale.ROOT);
        if (!UUID.matcher(clickId).matches()) {
            throw ApiException.badRequest("click_id must be the 36-character click id the tracking link appended (a UUID).");
        }
        int event = request.event() == null ? DEFAULT_EVENT : request.event();
        if (event < 1 || event > 3) {
            throw ApiException.badRequest("event must be 1, 2 (application completed, the default) or 3; got " + event + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(now.plus(Duration.ofHours(1)))) {
            throw ApiException.badRequest("occurred_at must lie between 2000-01-01 and one hour from now.");
        }
        if (request.value() != null && !Double.isFinite(request.value())) {
            throw ApiException.badRequest("value must be a finite number.");
        }
        return jdbi.inTransaction(handle -> {
            ConversionDao dao = handle.attach(ConversionDao.class);
            ConversionDao.Click click = dao.findClick(clickId).orElseThrow(() -> ApiException.notFound(
                    "Click " + clickId + " is not known. Clicks reach tracker-api within seconds of the redirect; if this one just "
                            + "happened, report it again shortly.", Map.of("click_id", clickId)));
            if (dao.insert(clickId, event, click.trackingId(), occurredAt, request.value(), now)) {
                return new ConversionRecorded(clickId, click.trackingId(), event, occurredAt, request.value(), click.isBot(), "recorded");
            }
            ConversionDao.Stored existing = dao.find(clickId, event).orElseThrow();
            return new ConversionRecorded(clickId, click.trackingId(), event, existing.occurredAt(), existing.value(), click.isBot(),
                    "duplicate");
        });
    }
}
