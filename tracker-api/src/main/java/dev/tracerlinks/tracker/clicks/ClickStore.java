package dev.tracerlinks.tracker.clicks;

import dev.tracerlinks.tracker.classification.BurstDetector;
import dev.tracerlinks.tracker.classification.BurstDetector.VisitorClick;
import dev.tracerlinks.tracker.db.Engine;
import dev.tracerlinks.tracker.db.WriteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of {@code link_clicks} and of the rollups counted from it. A batch is classified
 * whole before anything is written: each click by itself (the caller), then bursts over the batch and
 * the recent clicks of its visitors; then the clicks are inserted with their final labels and every
 * rollup table gets one set-based upsert of the batch's changes ({@link RollupChanges}). Re-labelling
 * stored clicks (re-classification) goes through the same arithmetic. Visitors are counted per visitor
 * hash and UTC day: the rollups' visitor figures of a day come from what each touched visitor-day looked
 * like before and after the write ({@link VisitorDay}).
 */
public final class ClickStore {
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    /** Statements bind at most this many values per list: SQLite's limit is 32,766 in all, PostgreSQL's 65,535. */
    private static final int IN_LIST = 900;

    /** A stored click as rollups and bursts see it; {@code jobId} is the empty string for a link without a job. */
    record Counted(String clickId, String trackingId, String jobId, long clickedAt, String visitorHash, boolean isBot) {
        Counted relabelled(boolean bot) {
            return new Counted(clickId, trackingId, jobId, clickedAt, visitorHash, bot);
        }

        long day() {
            return Math.floorDiv(clickedAt, DAY);
        }
    }

    /** A new label for a stored click. */
    public record Label(String clickId, boolean isBot, String reason) {
    }

    private final Engine engine;
    private final BurstDetector bursts;
    private final RunningSums runningSums;
    private final Runnable staleSumsListed;

    /** {@code staleSumsListed} runs when a write listed running sums as stale (it wakes {@link RunningSumsWorker}). */
    public ClickStore(Engine engine, BurstDetector bursts, RunningSums runningSums, Runnable staleSumsListed) {
        this.engine = engine;
        this.bursts = bursts;
        this.runningSums = runningSums;
        this.staleSumsListed = staleSumsListed;
    }

    /**
     * Stores these clicks, in the caller's transaction, with their rollups; a click id already stored
     * (or repeated in the batch) is skipped. Every click's link must exist. Returns the ids stored.
     */
    public Set<String> insert(Handle handle, List<StoredClick> clicks) {
        WriteOrder.clicks(handle, engine);
        Map<String, StoredClick> fresh = new LinkedHashMap<>();
        clicks.forEach(click -> fresh.putIfAbsent(click.clickId(), click));
        for (List<String> ids : chunks(fresh.keySet())) {
            handle.createQuery("SELECT click_id FROM link_clicks WHERE click_id IN (<ids>)").bindList("ids", ids)
                    .mapTo(String.class).forEach(fresh::remove);
        }
        if (fresh.isEmpty()) {
            return Set.of();
        }
        Map<String, String> jobs = jobsOf(handle, fresh.values().stream().map(StoredClick::trackingId).collect(Collectors.toSet()));
        Map<String, Counted> added = new LinkedHashMap<>();
        fresh.values().forEach(click -> added.put(click.clickId(), new Counted(click.clickId(), click.trackingId(),
                jobs.get(click.trackingId()), click.clickedAt().toEpochMilli(), click.visitorHash(), click.isBot())));

        // Bursts over the batch and its visitors' recent clicks: new clicks get their final label before they are written.
        Map<String, Counted> recent = recentClicksOfHumanVisitors(handle, added.values());
        List<VisitorClick> window = new ArrayList<>();
        recent.values().forEach(click -> window.add(visitorClick(click)));
        added.values().stream().filter(click -> click.visitorHash() != null).forEach(click -> window.add(visitorClick(click)));
        Map<String, String> burstFlags = bursts.flags(window);
        Map<String, String> reasons = new HashMap<>();
        List<Label> relabels = new ArrayList<>();
        burstFlags.forEach((clickId, reason) -> {
            if (added.containsKey(clickId)) {
                added.put(clickId, added.get(clickId).relabelled(true));
                reasons.put(clickId, reason);
            } else {
                relabels.add(new Label(clickId, true, reason));
            }
        });

        Set<VisitorDay.Key> touched = new HashSet<>();
        added.values().forEach(click -> VisitorDay.keyOf(click).ifPresent(touched::add));
        List<Counted> relabelled = relabels.stream().map(label -> recent.get(label.clickId())).toList();
        relabelled.forEach(click -> VisitorDay.keyOf(click).ifPresent(touched::add));
        Map<VisitorDay.Key, VisitorDay> before = VisitorDay.load(handle, touched);

        RunningSums.Plan plan = runningSums.plan(handle, added.values(), relabelled);
        writeClicks(handle, fresh.values(), added, reasons);
        writeLabels(handle, relabels);

        Map<VisitorDay.Key, VisitorDay> after = new HashMap<>();
        before.forEach((key, day) -> after.put(key, day.copy()));
        added.values().forEach(click -> VisitorDay.keyOf(click).ifPresent(key -> after.computeIfAbsent(key, VisitorDay::empty).add(click)));
        if (!relabelled.isEmpty()) {
            // A label changed inside a visitor-day: its first and last human click are read again, not guessed.
            after.putAll(VisitorDay.load(handle, relabelled.stream().flatMap(click -> VisitorDay.keyOf(click).stream())
                    .collect(Collectors.toSet())));
        }

        RollupChanges changes = new RollupChanges();
        added.values().forEach(click -> changes.click(click, 1));
        relabelled.forEach(click -> {
            changes.click(click, -1);
            changes.click(click.relabelled(true), 1);
        });
        touched.forEach(key -> {
            changes.visitors(before.get(key), -1);
            changes.visitors(after.get(key), 1);
        });
        changes.write(handle);
        if (plan.apply(handle, changes)) {
            staleSumsListed.run();
        }
        return Set.copyOf(added.keySet());
    }

    /**
     * Gives stored clicks new labels, in the caller's transaction, with their rollups; a click whose
     * human-or-bot does not change only gets the new reason. Unknown click ids are ignored.
     */
    public void relabel(Handle handle, List<Label> labels) {
        if (labels.isEmpty()) {
            return;
        }
        WriteOrder.clicks(handle, engine);
        Map<String, Label> byId = new LinkedHashMap<>();
        labels.forEach(label -> byId.put(label.clickId(), label));
        List<Counted> flipped = new ArrayList<>();
        for (List<String> ids : chunks(byId.keySet())) {
            for (Counted click : counted(handle, "c.click_id IN (<ids>)", ids)) {
                if (click.isBot() != byId.get(click.clickId()).isBot()) {
                    flipped.add(click);
                }
            }
        }
        Set<VisitorDay.Key> touched = flipped.stream().flatMap(click -> VisitorDay.keyOf(click).stream()).collect(Collectors.toSet());
        Map<VisitorDay.Key, VisitorDay> before = VisitorDay.load(handle, touched);
        writeLabels(handle, List.copyOf(byId.values()));
        Map<VisitorDay.Key, VisitorDay> after = VisitorDay.load(handle, touched);
        RollupChanges changes = new RollupChanges();
        flipped.forEach(click -> {
            changes.click(click, -1);
            changes.click(click.relabelled(!click.isBot()), 1);
        });
        touched.forEach(key -> {
            changes.visitors(before.get(key), -1);
            changes.visitors(after.get(key), 1);
        });
        changes.write(handle);
        if (runningSums.plan(handle, List.of(), flipped).apply(handle, changes)) {
            staleSumsListed.run();
        }
    }

    /** Every stored click of these visitors (re-classification looks for bursts in all of them). */
    List<Counted> clicksOfVisitors(Handle handle, List<String> visitorHashes) {
        List<Counted> clicks = new ArrayList<>();
        for (List<String> visitors : chunks(visitorHashes)) {
            clicks.addAll(counted(handle, "c.visitor_hash IN (<ids>)", visitors));
        }
        return clicks;
    }

    /** Burst flags over these visitors' stored clicks, as labels for {@link #relabel}. */
    public List<Label> burstsOfVisitors(Handle handle, List<String> visitorHashes) {
        List<Label> labels = new ArrayList<>();
        bursts.flags(clicksOfVisitors(handle, visitorHashes).stream().map(ClickStore::visitorClick).toList())
                .forEach((clickId, reason) -> labels.add(new Label(clickId, true, reason)));
        return labels;
    }

    /**
     * The stored clicks around the new ones of visitors with a human click among them or in the window:
     * only human clicks are ever flagged, so a visitor sending thousands of bot clicks is skipped from an
     * index of human clicks alone.
     */
    private Map<String, Counted> recentClicksOfHumanVisitors(Handle handle, Collection<Counted> added) {
        Set<String> visitors = new HashSet<>();
        Set<String> withHumanClicks = new HashSet<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Counted click : added) {
            if (click.visitorHash() != null) {
                visitors.add(click.visitorHash());
                if (!click.isBot()) {
                    withHumanClicks.add(click.visitorHash());
                }
                from = Math.min(from, click.clickedAt());
                to = Math.max(to, click.clickedAt());
            }
        }
        if (visitors.isEmpty()) {
            return Map.of();
        }
        long windowFrom = from - BurstDetector.WINDOW.toMillis();
        long windowTo = to + BurstDetector.WINDOW.toMillis();
        for (List<String> some : chunks(visitors)) {
            handle.createQuery("SELECT DISTINCT visitor_hash FROM link_clicks"
                            + " WHERE visitor_hash IN (<ids>) AND is_bot = 0 AND clicked_at BETWEEN :from AND :to")
                    .bindList("ids", some).bind("from", windowFrom).bind("to", windowTo)
                    .mapTo(String.class).forEach(withHumanClicks::add);
        }
        Map<String, Counted> recent = new LinkedHashMap<>();
        for (List<String> some : chunks(withHumanClicks)) {
            handle.createQuery(COUNTED + " WHERE c.visitor_hash IN (<ids>) AND c.clicked_at BETWEEN :from AND :to")
                    .bindList("ids", some).bind("from", windowFrom).bind("to", windowTo)
                    .map((rs, ctx) -> counted(rs)).forEach(click -> recent.put(click.clickId(), click));
        }
        return recent;
    }

    private static final String COUNTED = "SELECT c.click_id, c.tracking_id, coalesce(l.job_id, '') AS job_id, c.clicked_at,"
            + " c.visitor_hash, c.is_bot FROM link_clicks c LEFT JOIN link_tracking l ON l.tracking_id = c.tracking_id";

    private static List<Counted> counted(Handle handle, String condition, List<String> ids) {
        return handle.createQuery(COUNTED + " WHERE " + condition).bindList("ids", ids).map((rs, ctx) -> counted(rs)).list();
    }

    private static Counted counted(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Counted(rs.getString("click_id"), rs.getString("tracking_id"), rs.getString("job_id"), rs.getLong("clicked_at"),
                rs.getString("visitor_hash"), rs.getInt("is_bot") != 0);
    }

    private static VisitorClick visitorClick(Counted click) {
        return new VisitorClick(click.clickId(), click.trackingId(), click.visitorHash() + " " + click.jobId(), click.clickedAt(),
                click.isBot());
    }

    private static Map<String, String> jobsOf(Handle handle, Set<String> trackingIds) {
        Map<String, String> jobs = new HashMap<>();
        for (List<String> ids : chunks(trackingIds)) {
            handle.createQuery("SELECT tracking_id, coalesce(job_id, '') AS job_id FROM link_tracking WHERE tracking_id IN (<ids>)")
                    .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(entry -> jobs.put(entry.getKey(), entry.getValue()));
        }
        for (String trackingId : trackingIds) {
            if (!jobs.containsKey(trackingId)) {
                throw new IllegalArgumentException("no link " + trackingId + ": clicks are stored for known links only");
            }
        }
        return jobs;
    }

    private static final String INSERT = """
            INSERT INTO link_clicks (click_id, tracking_id, clicked_at, received_at, ip_prefix, visitor_hash,
                                     user_agent, referrer_host, session_id, click_source, method, metadata, signals,
                                     is_bot, bot_reason)
            VALUES (:clickId, :trackingId, :clickedAt, :receivedAt, :ipPrefix, :visitorHash,
                    :userAgent, :referrerHost, :sessionId, :clickSource, :method, :metadata, :signals,
                    :isBot, :botReason)
            """;

    private static void writeClicks(Handle handle, Collection<StoredClick> clicks, Map<String, Counted> labels,
            Map<String, String> burstReasons) {
        var insert = handle.prepareBatch(INSERT);
        for (StoredClick click : clicks) {
            boolean bot = labels.get(click.clickId()).isBot();
            insert.bindMethods(click).bind("isBot", bot ? 1 : 0)
                    .bind("botReason", burstReasons.getOrDefault(click.clickId(), click.botReason())).add();
        }
        insert.execute();
    }

    private static void writeLabels(Handle handle, List<Label> labels) {
        if (labels.isEmpty()) {
            return;
        }
        var update = handle.prepareBatch("UPDATE link_clicks SET is_bot = :isBot, bot_reason = :reason WHERE click_id = :clickId");
        labels.forEach(label -> update.bind("isBot", label.isBot() ? 1 : 0).bind("reason", label.reason())
                .bind("clickId", label.clickId()).add());
        update.execute();
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < all.size(); start += IN_LIST) {
            chunks.add(all.subList(start, Math.min(all.size(), start + IN_LIST)));
        }
        return chunks;
    }
}
