package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tracker-api instances on one database (one PostgreSQL database in the PostgreSQL run, one SQLite
 * file otherwise), ingesting at once clicks of the same visitors, bursts split between them: every
 * label and every analytics answer must be what one instance gives for the same clicks. First visitor
 * of the day and burst detection read what is stored before they write; without the click write lock
 * between instances, two batches of one visitor would each count a first visit or miss a burst.
 */
class TwoInstancesTest {
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final String SIGNALS = "\"signals\":{\"accept-language-present\":\"true\",\"secure-context\":\"true\","
            + "\"accept\":\"text/html,application/xhtml+xml\",\"sec-fetch-mode\":\"navigate\"}";
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    @TempDir
    Path shared;
    @TempDir
    Path reference;

    @Test
    void two_instances_ingesting_at_once_count_every_visitor_and_burst_as_one_instance_does() throws Exception {
        try (TrackerApiServer a = TrackerApiServer.start(shared, "https://t.example.dev");
             TrackerApiServer b = TrackerApiServer.start(shared, "https://t.example.dev");
             TrackerApiServer one = TrackerApiServer.start(reference, "https://t.example.dev")) {
            List<String> tokens = links(a);
            List<String> tokensOfOne = links(one);
            List<String> batches = batches();

            String keyA = a.createKey("redirector");
            String keyB = b.createKey("redirector");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> sent = new ArrayList<>();
                sent.add(pool.submit(() -> post(a, keyA, tokens, batches.subList(0, batches.size() / 2))));
                sent.add(pool.submit(() -> post(b, keyB, tokens, batches.subList(batches.size() / 2, batches.size()))));
                for (Future<?> future : sent) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            post(one, one.createKey("redirector"), tokensOfOne, batches);

            assertThat(labels(b)).isEqualTo(labels(one)).hasSize(1200);
            assertThat(labels(one).values()).as("bursts among the clicks").anyMatch(label -> label.contains("burst"));
            for (String question : List.of("/api/analytics/summary?from=2026-11-19&to=2026-11-22",
                    "/api/analytics/summary?from=2026-11-19&to=2026-11-22&include_bots=true",
                    "/api/analytics/summary?from=2026-11-20T05:30:00Z&to=2026-11-20T19:10:00Z",
                    "/api/analytics/top-links?from=2026-11-19&to=2026-11-22",
                    "/api/analytics/top-jobs?from=2026-11-19&to=2026-11-22&include_bots=true",
                    "/api/jobs/acme/analytics?from=2026-11-19&to=2026-11-22")) {
                HttpJson.Response together = a.http.get(question, ADMIN_KEY);
                assertThat(together.status()).as(question + ": " + together.body()).isEqualTo(200);
                String alone = one.http.get(question, ADMIN_KEY).body();
                for (int i = 0; i < tokens.size(); i++) {
                    alone = alone.replace(tokensOfOne.get(i), tokens.get(i));
                }
                assertThat(rows(together.json())).as(question).isEqualTo(rows(new com.fasterxml.jackson.databind.ObjectMapper().readTree(alone)));
            }
        }
    }

    /** Each answered 500 on PostgreSQL once: both instances found no job, both inserted it. */
    @Test
    void the_same_job_put_on_two_instances_at_once_is_created_once_and_neither_fails() throws Exception {
        try (TrackerApiServer a = TrackerApiServer.start(shared, "https://t.example.dev");
             TrackerApiServer b = TrackerApiServer.start(shared, "https://t.example.dev")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int job = 0; job < 30; job++) {
                    String path = "/api/jobs/race-" + job;
                    Future<HttpJson.Response> first = pool.submit(() -> a.http.send("PUT", path, ADMIN_KEY, "{\"company\":\"A\"}"));
                    Future<HttpJson.Response> second = pool.submit(() -> b.http.send("PUT", path, ADMIN_KEY, "{\"company\":\"B\"}"));
                    List<Integer> statuses = new ArrayList<>(List.of(first.get().status(), second.get().status()));
                    Collections.sort(statuses);
                    assertThat(statuses).as(path + ": " + first.get().body() + " / " + second.get().body()).isEqualTo(List.of(200, 201));
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /** Six links of one job; each database has tokens of its own, the same links in the same order. */
    private static List<String> links(TrackerApiServer server) {
        server.putJob("acme", "Acme");
        List<String> tokens = new ArrayList<>();
        for (int path = 0; path < 6; path++) {
            tokens.add(server.issueLink("acme", "p" + path, "https://example.com/" + path).json().get("tracking_id").asText());
        }
        return tokens;
    }

    /**
     * 24 batches of 50 clicks (links as LINK0..LINK5): 40 visitors over one day, in random order; every
     * tenth visitor opens three links within a second (a burst), its clicks most likely in different batches.
     */
    private static List<String> batches() {
        Random random = new Random(20261204);
        List<String> clicks = new ArrayList<>();
        int n = 0;
        for (int visitor = 0; visitor < 40; visitor++) {
            long base = DAY.toEpochMilli() + random.nextInt(80_000_000);
            int count = visitor % 10 == 0 ? 3 : 27;
            for (int i = 0; i < count; i++) {
                long at = visitor % 10 == 0 ? base + i * 300L : DAY.toEpochMilli() + random.nextInt(86_000_000);
                int link = visitor % 10 == 0 ? i : random.nextInt(6);
                clicks.add(String.format("{\"click_id\":\"00000000-0000-7000-8000-%012d\",\"tracking_id\":\"LINK%d\",\"clicked_at\":\"%s\","
                        + "\"ip_prefix\":\"203.0.113.0/24\",\"visitor_hash\":\"%032x\",\"user_agent\":\"%s\",\"method\":\"GET\","
                        + SIGNALS + "}",
                        n++, link, Instant.ofEpochMilli(at), visitor + 1, CHROME));
            }
        }
        // Up to 1,200 with more clicks of a few of the ordinary visitors.
        while (clicks.size() < 1200) {
            int visitor = 1 + random.nextInt(9);
            clicks.add(String.format("{\"click_id\":\"00000000-0000-7000-8000-%012d\",\"tracking_id\":\"LINK%d\",\"clicked_at\":\"%s\","
                    + "\"ip_prefix\":\"203.0.113.0/24\",\"visitor_hash\":\"%032x\",\"user_agent\":\"%s\",\"method\":\"GET\","
                    + SIGNALS + "}",
                    n++, random.nextInt(6),
                    Instant.ofEpochMilli(DAY.toEpochMilli() + random.nextInt(86_000_000)), visitor, CHROME));
        }
        Collections.shuffle(clicks, random);
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < clicks.size(); i += 50) {
            batches.add("[" + String.join(",", clicks.subList(i, i + 50)) + "]");
        }
        return batches;
    }

    private static void post(TrackerApiServer server, String key, List<String> tokens, List<String> templates) {
        for (String template : templates) {
            String batch = template;
            for (int i = 0; i < tokens.size(); i++) {
                batch = batch.replace("\"LINK" + i + "\"", "\"" + tokens.get(i) + "\"");
            }
            HttpJson.Response answer = server.http.send("POST", "/api/link-tracking/record-clicks", key, batch);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("recorded").asInt()).as(answer.body()).isEqualTo(50);
        }
    }

    /**
     * An answer as it can match across the two databases: top lists and a job's links break ties by token,
     * and each database has tokens of its own, so rows are compared as sets; the job's own times differ.
     */
    private static Object rows(com.fasterxml.jackson.databind.JsonNode answer) {
        if (answer.isArray()) {
            List<String> rows = new ArrayList<>();
            answer.forEach(row -> rows.add(row.toString()));
            Collections.sort(rows);
            return rows;
        }
        Map<String, Object> fields = new TreeMap<>();
        answer.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("job")) {
                fields.put(field.getKey(), field.getValue().isArray() ? rows(field.getValue()) : field.getValue());
            }
        });
        return fields;
    }

    /** Each stored click's label (is_bot and reason), by click id. */
    private static Map<String, String> labels(TrackerApiServer server) throws Exception {
        Map<String, String> labels = new TreeMap<>();
        try (var connection = server.connect();
             var rows = connection.createStatement().executeQuery("SELECT click_id, is_bot, bot_reason FROM link_clicks")) {
            while (rows.next()) {
                labels.put(rows.getString(1), rows.getInt(2) + " " + rows.getString(3));
            }
        }
        return labels;
    }
}
