package dev.tracerlinks.tracker.clicks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.Anonymizer;
import dev.tracerlinks.model.ClickBatchResult;
import dev.tracerlinks.model.ClickEvent;
import dev.tracerlinks.model.ClickRecorded;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.tracker.classification.BotClassifier;
import dev.tracerlinks.tracker.db.Database;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.TextFields;
import dev.tracerlinks.tracker.links.LinkDao;
import dev.tracerlinks.tracker.links.Links;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Validates click events and stores them anonymised. A raw {@code ip_address} (sent by guide clients)
 * is turned into a prefix and a visitor hash here, in memory, and then dropped: it is never stored.
 */
public final class ClickIngestor {
    public static final int MAX_BATCH = 1000;
    private static final List<String> REQUIRED = List.of("tracking_id", "clicked_at");
    private static final Pattern CLICK_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern VISITOR_HASH = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{3,10}");
    /** Clocks drift; a click stamped further ahead than this is a client bug, not a click from the future. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);
    /** Older clicks are client bugs (epoch zero, year one); the bound also keeps timestamps inside a long. */
    private static final Instant EARLIEST_CLICK = Instant.parse("2000-01-01T00:00:00Z");
    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_METADATA_ENTRIES = 20;

    private final Jdbi jdbi;
    private final Clock clock;
    private final VisitorSalts salts;
    private final ObjectMapper mapper;
    private final BotClassifier classifier;
    private final ClickStore store;

    public ClickIngestor(Jdbi jdbi, Clock clock, VisitorSalts salts, ObjectMapper mapper, BotClassifier classifier, ClickStore store) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.salts = salts;
        this.mapper = mapper;
        this.classifier = classifier;
        this.store = store;
    }

    /**
     * The guide's single click. Sending the same {@code click_id} again stores nothing and says
     * {@code duplicate}. A click for a deactivated link is refused with the guide's "not found or
     * expired" answer: the guide's own handler never redirects such a link, so a click for one is a
     * client bug or a forgery (the edge's batches, which may race a deactivation, keep theirs).
     */
    public ClickRecorded recordOne(ClickEvent event) {
        StoredClick click = anonymise(event, salts.today().salt());
        boolean stored = jdbi.inTransaction(handle -> {
            if (!handle.attach(LinkDao.class).findById(click.trackingId()).map(LinkData::isActive).orElse(false)) {
                throw Links.unknownLink(click.trackingId());
            }
            return !store.insert(handle, List.of(click)).isEmpty();
        });
        return new ClickRecorded(click.clickId(), click.trackingId(), click.clickedAt(), click.clickSource(),
                stored ? "recorded" : "duplicate");
    }

    /**
     * A batch from the redirector, in one transaction. Every event needs its edge-made {@code click_id}
     * so that redelivery is harmless. A click that fails validation or belongs to an unknown link is
     * dropped and reported, never fails the batch: the sender would retry it forever.
     */
    public ClickBatchResult recordBatch(List<ClickEvent> events) {
        if (events.size() > MAX_BATCH) {
            throw new ApiException(413, "A batch holds at most " + MAX_BATCH + " clicks; this one has " + events.size() + ".");
        }
        String salt = salts.today().salt();
        List<StoredClick> clicks = new ArrayList<>(events.size());
        List<ClickBatchResult.RejectedClick> rejected = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            ClickEvent event = events.get(index);
            String clickId = event == null ? null : event.clickId();
            try {
                if (clickId == null) {
                    throw ApiException.badRequest("Click [" + index + "] has no click_id; batched clicks need one so redelivery is not counted twice.");
                }
                clicks.add(anonymise(event, salt));
            } catch (ApiException e) {
                rejected.add(new ClickBatchResult.RejectedClick(clickId, e.getMessage()));
            }
        }
        if (clicks.isEmpty()) {
            return new ClickBatchResult(events.size(), 0, 0, List.of(), rejected);
        }
        return Database.inTransactionWithJournalsInMemory(jdbi, handle -> {
            Set<String> known = new HashSet<>(handle.attach(LinkDao.class).existing(
                    clicks.stream().map(StoredClick::trackingId).collect(Collectors.toSet())));
            Set<String> unknown = new LinkedHashSet<>();
            List<StoredClick> storable = new ArrayList<>(clicks.size());
            for (StoredClick click : clicks) {
                if (known.contains(click.trackingId())) {
                    storable.add(click);
                } else {
                    unknown.add(click.trackingId());
                }
            }
            int recorded = storable.isEmpty() ? 0 : store.insert(handle, storable).size();
            return new ClickBatchResult(events.size(), recorded, storable.size() - recorded, List.copyOf(unknown), rejected);
        });
    }

    private StoredClick anonymise(ClickEvent event, String salt) {
        List<String> missing = new ArrayList<>();
        if (event.trackingId() == null || event.trackingId().isBlank()) {
            missing.add("tracking_id");
        }
        if (event.clickedAt() == null) {
            missing.add("clicked_at");
        }
        if (!missing.isEmpty()) {
            throw ApiException.missingFields(missing, REQUIRED);
        }
        Instant now = clock.instant();
        if (event.clickedAt().isAfter(now.plus(MAX_CLOCK_SKEW)) || event.clickedAt().isBefore(EARLIEST_CLICK)) {
            throw ApiException.badRequest("clicked_at " + event.clickedAt() + " is out of range; send the time of the click in UTC"
                    + " (from " + EARLIEST_CLICK + " to no more than an hour from now).");
        }
        String clickId = Optional.ofNullable(event.clickId()).orElseGet(() -> UUID.randomUUID().toString());
        if (!CLICK_ID.matcher(clickId).matches()) {
            throw ApiException.badRequest("click_id must be 8 to 64 letters, digits or dashes (a UUID works).");
        }
        String trackingId = event.trackingId().strip();
        if (trackingId.length() > 100) {
            throw ApiException.badRequest("tracking_id is longer than 100 characters.");
        }
        if (event.ipAddress() != null && !event.ipAddress().isBlank() && Anonymizer.parseIpLiteral(event.ipAddress().strip()) == null) {
            // Not echoed: whatever was sent there may be an address after all, and error bodies end up in logs.
            throw new ApiException(400, "ip_address is not an IPv4 or IPv6 address; send the client's address, or leave the field out.",
                    Map.of("field", "ip_address"));
        }
        // A prefix sent by the edge is re-derived, so nothing but a network prefix can ever be stored.
        String ipPrefix = firstPresent(
                Anonymizer.ipPrefix(event.ipAddress()),
                Optional.ofNullable(event.ipPrefix()).map(prefix -> prefix.replaceFirst("/\\d+$", "")).flatMap(Anonymizer::ipPrefix));
        String visitorHash = visitorHash(event, salt);
        String userAgent = truncate(TextFields.sanitized(event.userAgent()), MAX_USER_AGENT);
        String method = event.method() != null && METHOD.matcher(event.method()).matches() ? event.method() : null;
        BotClassifier.Verdict verdict = classifier.classify(method, userAgent, event.signals());
        return new StoredClick(
                clickId,
                trackingId,
                event.clickedAt(),
                now,
                ipPrefix,
                visitorHash,
                userAgent,
                referrerHost(event.referrerUrl()),
                bounded("session_id", event.sessionId(), 100),
                Optional.ofNullable(bounded("click_source", event.clickSource(), 50)).orElseGet(() -> clickSource(event.referrerUrl())),
                method,
                boundedJson("metadata", event.metadata()),
                boundedJson("signals", event.signals()),
                verdict.isBot(),
                verdict.reason());
    }

    private static String visitorHash(ClickEvent event, String salt) {
        Optional<String> fromAddress = Anonymizer.addressIdentity(event.ipAddress(), event.userAgent());
        if (fromAddress.isPresent()) {
            return Anonymizer.visitorHash(salt, fromAddress.get());
        }
        if (event.visitorHash() != null && VISITOR_HASH.matcher(event.visitorHash()).matches()) {
            return event.visitorHash();
        }
        if (event.sessionId() != null && !event.sessionId().isBlank()) {
            return Anonymizer.visitorHash(salt, "session\n" + event.sessionId());
        }
        return null;
    }

    /** Only the host of the referrer is kept: a full referrer URL can carry names and search terms. */
    static String referrerHost(String referrerUrl) {
        if (referrerUrl == null || referrerUrl.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(referrerUrl.strip()).getHost();
            return host == null ? null : truncate(host.toLowerCase(Locale.ROOT), 255);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The guide's click sources, from the referrer, when the sender did not name one. */
    static String clickSource(String referrerUrl) {
        String host = referrerHost(referrerUrl);
        if (host == null) {
            return "direct";
        }
        if (host.contains("mail.") || host.equals("gmail.com") || host.contains("outlook.") || host.endsWith("mail.yahoo.com")) {
            return "email";
        }
        if (host.equals("linkedin.com") || host.endsWith(".linkedin.com") || host.equals("lnkd.in")) {
            return "linkedin";
        }
        if (host.contains("indeed.")) {
            return "indeed";
        }
        return "external";
    }

    /** A small string-to-string map as JSON: null values dropped, keys and values truncated, at most 20 entries. */
    private String boundedJson(String field, Map<String, String> entries) {
        Map<String, String> kept = new TreeMap<>();
        if (entries != null) {
            entries.forEach((key, value) -> {
                if (key != null && value != null && !value.isBlank()) {
                    kept.put(truncate(TextFields.sanitized(key), 64), truncate(TextFields.sanitized(value), 256));
                }
            });
        }
        if (kept.size() > MAX_METADATA_ENTRIES) {
            throw ApiException.badRequest(field + " has " + kept.size() + " entries; the limit is " + MAX_METADATA_ENTRIES + ".");
        }
        try {
            return mapper.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String bounded(String field, String value, int max) {
        return TextFields.optional(field, value, max);
    }

    private static String truncate(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }

    @SafeVarargs
    private static String firstPresent(Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate.get();
            }
        }
        return null;
    }
}
