package dev.tracerlinks.tracker.clicks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * What one visitor hash did on one UTC day, as far as the rollups count it: per link, its job and the
 * first and last click and human click. A visitor-day counts once as a visitor of the day, of each of
 * its jobs and links (as a human visitor where it has a human click there), and gives the hours of its
 * first and last click (and human click) to {@code click_hour_visitors}. Clicks without a visitor hash
 * count no visitor.
 */
final class VisitorDay {
    record Key(String visitorHash, long day) {
    }

    /** One link's clicks in the visitor-day; the human times are null when it has no human click. */
    record LinkSpan(String jobId, long firstAt, long lastAt, Long firstHumanAt, Long lastHumanAt) {
        LinkSpan with(long at, boolean bot) {
            Long firstHuman = firstHumanAt;
            Long lastHuman = lastHumanAt;
            if (!bot) {
                firstHuman = firstHuman == null ? Long.valueOf(at) : Long.valueOf(Math.min(firstHuman, at));
                lastHuman = lastHuman == null ? Long.valueOf(at) : Long.valueOf(Math.max(lastHuman, at));
            }
            return new LinkSpan(jobId, Math.min(firstAt, at), Math.max(lastAt, at), firstHuman, lastHuman);
        }

        boolean hasHuman() {
            return firstHumanAt != null;
        }
    }

    final Key key;
    final Map<String, LinkSpan> links;

    private VisitorDay(Key key, Map<String, LinkSpan> links) {
        this.key = key;
        this.links = links;
    }

    static VisitorDay empty(Key key) {
        return new VisitorDay(key, new HashMap<>());
    }

    VisitorDay copy() {
        return new VisitorDay(key, new HashMap<>(links));
    }

    static Optional<Key> keyOf(ClickStore.Counted click) {
        return click.visitorHash() == null ? Optional.empty() : Optional.of(new Key(click.visitorHash(), click.day()));
    }

    void add(ClickStore.Counted click) {
        LinkSpan span = links.get(click.trackingId());
        links.put(click.trackingId(), span == null
                ? new LinkSpan(click.jobId(), click.clickedAt(), click.clickedAt(), click.isBot() ? null : click.clickedAt(),
                        click.isBot() ? null : click.clickedAt())
                : span.with(click.clickedAt(), click.isBot()));
    }

    /** The stored clicks of these visitor-days (one grouped query per few hundred visitors); a key without clicks maps to an empty day. */
    static Map<Key, VisitorDay> load(Handle handle, Set<Key> keys) {
        Map<Key, VisitorDay> days = new HashMap<>();
        keys.forEach(key -> days.put(key, empty(key)));
        Map<String, List<Key>> byVisitor = keys.stream().collect(Collectors.groupingBy(Key::visitorHash));
        for (List<String> visitors : ClickStore.chunks(byVisitor.keySet())) {
            long fromDay = Long.MAX_VALUE;
            long toDay = Long.MIN_VALUE;
            for (String visitor : visitors) {
                for (Key key : byVisitor.get(visitor)) {
                    fromDay = Math.min(fromDay, key.day());
                    toDay = Math.max(toDay, key.day());
                }
            }
            handle.createQuery("""
                            SELECT c.visitor_hash, c.clicked_at / 86400000 AS day, c.tracking_id, coalesce(l.job_id, '') AS job_id,
                                   min(c.clicked_at) AS first_at, max(c.clicked_at) AS last_at,
                                   min(CASE WHEN c.is_bot = 0 THEN c.clicked_at END) AS first_human_at,
                                   max(CASE WHEN c.is_bot = 0 THEN c.clicked_at END) AS last_human_at
                              FROM link_clicks c LEFT JOIN link_tracking l ON l.tracking_id = c.tracking_id
                             WHERE c.visitor_hash IN (<visitors>) AND c.clicked_at >= :from AND c.clicked_at < :to
                             GROUP BY c.visitor_hash, c.clicked_at / 86400000, c.tracking_id, coalesce(l.job_id, '')
                            """)
                    .bindList("visitors", visitors).bind("from", fromDay * ClickStore.DAY).bind("to", (toDay + 1) * ClickStore.DAY)
                    .map((rs, ctx) -> {
                        Key key = new Key(rs.getString("visitor_hash"), rs.getLong("day"));
                        long firstHuman = rs.getLong("first_human_at");
                        Long firstHumanAt = rs.wasNull() ? null : firstHuman;
                        long lastHuman = rs.getLong("last_human_at");
                        Long lastHumanAt = rs.wasNull() ? null : lastHuman;
                        return Map.entry(key, Map.entry(rs.getString("tracking_id"), new LinkSpan(rs.getString("job_id"),
                                rs.getLong("first_at"), rs.getLong("last_at"), firstHumanAt, lastHumanAt)));
                    })
                    .forEach(row -> {
                        VisitorDay day = days.get(row.getKey());
                        if (day != null) {
                            day.links.put(row.getValue().getKey(), row.getValue().getValue());
                        }
                    });
        }
        return days;
    }

    boolean isEmpty() {
        return links.isEmpty();
    }

    boolean hasHuman() {
        return links.values().stream().anyMatch(LinkSpan::hasHuman);
    }

    Set<String> jobs() {
        return links.values().stream().map(LinkSpan::jobId).collect(Collectors.toSet());
    }

    boolean hasHumanInJob(String jobId) {
        return links.values().stream().anyMatch(span -> span.jobId().equals(jobId) && span.hasHuman());
    }

    long firstAt() {
        return links.values().stream().mapToLong(LinkSpan::firstAt).min().orElseThrow();
    }

    long lastAt() {
        return links.values().stream().mapToLong(LinkSpan::lastAt).max().orElseThrow();
    }

    long firstHumanAt() {
        return humanTimes(links.values(), true);
    }

    long lastHumanAt() {
        return humanTimes(links.values(), false);
    }

    private static long humanTimes(Collection<LinkSpan> spans, boolean first) {
        return first
                ? spans.stream().filter(LinkSpan::hasHuman).mapToLong(LinkSpan::firstHumanAt).min().orElseThrow()
                : spans.stream().filter(LinkSpan::hasHuman).mapToLong(LinkSpan::lastHumanAt).max().orElseThrow();
    }
}
