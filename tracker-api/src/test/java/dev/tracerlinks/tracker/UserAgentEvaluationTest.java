package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The click-truth rules against user agents nobody on this project wrote
 * ({@code corpus/user-agents/}: public, labelled sets, each row with its source), through the real
 * ingestion path: clicks posted to {@code record-clicks} with the signals the edge records, labels
 * read back from the CSV export. Three times: as a browser's navigation would arrive over https (full
 * headers, so the user agent alone decides), as scripts usually send it (only the user agent and
 * {@code Accept: *}{@code /*}), and as a script that copies a browser's Accept and Accept-Language
 * but not its Fetch Metadata. The report goes to {@code target/user-agent-evaluation.md} and
 * BENCHMARKS.md; the goals of issue #16 are asserted.
 */
class UserAgentEvaluationTest {
    static final Path CORPUS = Path.of("../corpus/user-agents");
    /** What the edge records for a browser's navigation to a link. */
    static final Map<String, String> FULL_HEADERS = Map.of(
            "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
            "sec-fetch-site", "cross-site", "sec-fetch-mode", "navigate", "sec-fetch-dest", "document", "sec-fetch-user", "?1",
            "accept-language-present", "true", "secure-context", "true");
    /** What the edge records for a request with only a user agent and Accept: star-slash-star. */
    static final Map<String, String> BARE_HEADERS = Map.of("accept", "*/*", "accept-language-present", "false", "secure-context", "true");
    /** A script that copies a browser's Accept and Accept-Language but not its Fetch Metadata, over https. */
    static final Map<String, String> COPIED_HEADERS = Map.of("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "accept-language-present", "true", "secure-context", "true");
    static final Map<String, Map<String, String>> MODES = Map.of("full", FULL_HEADERS, "bare", BARE_HEADERS, "copied", COPIED_HEADERS);

    /** {@code label}: this evaluation's (relabelled, or {@code excluded}); {@code sourceLabel}: the source's own. */
    record Row(String userAgent, String source, String label, String sourceLabel) {
    }

    record Tally(int rows, int full, int bare, int copied) {
        static final Tally NONE = new Tally(0, 0, 0, 0);

        Tally plus(boolean botFull, boolean botBare, boolean botCopied) {
            return new Tally(rows + 1, full + (botFull ? 1 : 0), bare + (botBare ? 1 : 0), copied + (botCopied ? 1 : 0));
        }

        String percent(int count) {
            return String.format("%.2f %%", 100.0 * count / rows);
        }
    }

    @TempDir
    Path directory;
    TrackerApiServer server;
    String token;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "https://t.example.dev");
        server.putJob("eval", "Evaluation");
        token = server.issueLink("eval", "p1", "https://github.com/jane").json().get("tracking_id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bots_are_caught_and_people_are_not_flagged_on_public_labelled_sets() throws IOException {
        List<Row> rows = rows();
        Map<String, String[]> verdicts = new HashMap<>();
        String redirector = server.createKey("redirector");
        Instant clickedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        for (String mode : new String[] {"full", "bare", "copied"}) {
            for (int from = 0; from < rows.size(); from += 1000) {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(rows.size(), from + 1000); i++) {
                    batch.add(Map.of("click_id", clickId(mode, i), "tracking_id", token, "clicked_at", clickedAt.toString(),
                            "method", "GET", "user_agent", rows.get(i).userAgent(),
                            "signals", MODES.get(mode)));
                }
                HttpJson.Response response = server.http.send("POST", "/api/link-tracking/record-clicks", redirector, HttpJson.json(batch));
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().get("recorded").asInt()).isEqualTo(batch.size());
            }
        }
        String csv = server.http.send("GET", "/api/analytics/clicks.csv?include_bots=true&from=2000-01-01", ADMIN_KEY, null, "text/csv").body();
        for (String line : csv.split("\n")) {
            List<String> fields = csvFields(line);
            verdicts.put(fields.get(0), new String[] {fields.get(6), fields.get(7)});
        }

        Map<String, Tally> bySource = new TreeMap<>();
        Map<String, Tally> byLabel = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String[] full = verdicts.get(clickId("full", i));
            String[] bare = verdicts.get(clickId("bare", i));
            boolean botFull = Boolean.parseBoolean(full[0]);
            boolean botBare = Boolean.parseBoolean(bare[0]);
            boolean botCopied = Boolean.parseBoolean(verdicts.get(clickId("copied", i))[0]);
            Tally one = Tally.NONE.plus(botFull, botBare, botCopied);
            byLabel.merge(row.sourceLabel() + " (labels as the sources give them)", one, UserAgentEvaluationTest::sum);
            if (row.label().equals("excluded")) {
                continue;
            }
            bySource.merge(row.label() + " " + row.source(), one, UserAgentEvaluationTest::sum);
            byLabel.merge(row.label(), one, UserAgentEvaluationTest::sum);
            if (row.label().equals("bot") && !row.source().startsWith("crawler-user-agents")) {
                // crawler-user-agents is one of the rules: its own rows say little about bots it does not list.
                byLabel.merge("bot, not from crawler-user-agents", one, UserAgentEvaluationTest::sum);
            }
            if (row.label().equals("bot") && !botFull) {
                misses.add(row.userAgent() + " (" + row.source() + ")");
            }
            if (row.label().equals("human") && botFull) {
                falseAlarms.add(full[1] + ": " + row.userAgent() + " (" + row.source() + ")");
            }
            if (botFull) {
                reasons.merge(full[1].replaceAll("^(ua:).*@", "$1*@").replaceAll(";claims=.*", ""), 1, Integer::sum);
            }
        }
        writeReport(byLabel, bySource, misses, falseAlarms, reasons);

        Tally bots = byLabel.get("bot");
        Tally humans = byLabel.get("human");
        assertThat(bots.rows()).isGreaterThanOrEqualTo(2000);
        assertThat(humans.rows()).isGreaterThanOrEqualTo(2000);
        assertThat(100.0 * bots.bare() / bots.rows()).as("bots caught, bare headers").isGreaterThanOrEqualTo(98.0);
        assertThat(100.0 * bots.full() / bots.rows()).as("bots caught, full headers").isGreaterThanOrEqualTo(95.0);
        assertThat(100.0 * humans.full() / humans.rows()).as("people flagged, full headers").isLessThanOrEqualTo(1.0);
    }

    private static Tally sum(Tally a, Tally b) {
        return new Tally(a.rows() + b.rows(), a.full() + b.full(), a.bare() + b.bare(), a.copied() + b.copied());
    }

    private static String clickId(String mode, int index) {
        return String.format("eval-%s-%06d", mode, index);
    }

    /** Both files, each row with its source file and its label here (corpus/user-agents/relabelled.tsv says why some differ). */
    static List<Row> rows() throws IOException {
        Map<String, String> relabelled = new HashMap<>();
        for (String[] fields : tsv(CORPUS.resolve("relabelled.tsv"))) {
            relabelled.put(fields[0] + "\t" + fields[1], fields[2]);
        }
        List<Row> rows = new ArrayList<>();
        for (String label : new String[] {"bot", "human"}) {
            for (String[] fields : tsv(CORPUS.resolve(label + "s.tsv"))) {
                String now = relabelled.getOrDefault(fields[0] + "\t" + label, label);
                rows.add(new Row(fields[0], fields[1].replaceFirst(":.*", ""), now, label));
            }
        }
        return rows;
    }

    private static List<String[]> tsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank()).map(line -> line.split("\t", -1)).toList();
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static void writeReport(Map<String, Tally> byLabel, Map<String, Tally> bySource, List<String> misses, List<String> falseAlarms,
            Map<String, Integer> reasons) throws IOException {
        StringBuilder report = new StringBuilder("| set | rows | flagged as bot, full headers | flagged as bot, bare headers "
                + "| flagged as bot, copied headers without Sec-Fetch |\n|---|---|---|---|---|\n");
        Map<String, Tally> all = new LinkedHashMap<>(byLabel);
        all.putAll(bySource);
        all.forEach((name, tally) -> report.append("| ").append(name).append(" | ").append(tally.rows()).append(" | ")
                .append(tally.percent(tally.full())).append(" | ").append(tally.percent(tally.bare())).append(" | ")
                .append(tally.percent(tally.copied())).append(" |\n"));
        report.append("\nRules that caught bots (full headers): ").append(reasons).append("\n");
        report.append("\nBots missed with full headers (").append(misses.size()).append("):\n");
        misses.forEach(miss -> report.append("- `").append(miss.replace("`", "'")).append("`\n"));
        report.append("\nPeople flagged with full headers (").append(falseAlarms.size()).append("):\n");
        falseAlarms.forEach(alarm -> report.append("- `").append(alarm.replace("`", "'")).append("`\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/user-agent-evaluation.md"), report);
    }
}
