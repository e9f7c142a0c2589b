package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.model.Anonymizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a key holder can read leads back to an address. Once, the salt went to admin keys and the
 * CSV export held prefix, visitor hash and user agent side by side: 256 HMACs per click recovered
 * every address.
 */
class PrivacyTest {
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final List<String> ADDRESSES = List.of("198.51.100.77", "198.51.100.77", "198.51.100.78", "203.0.113.200");

    @TempDir
    Path directory;
    TrackerApiServer server;
    String token;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "https://t.example.dev");
        server.putJob("j1", "Amazon");
        token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        String redirector = server.createKey("redirector");
        for (String address : ADDRESSES) {
            HttpJson.Response recorded = server.http.send("POST", "/api/link-tracking/record-click", redirector, HttpJson.json(Map.of(
                    "tracking_id", token, "clicked_at", java.time.Instant.now().toString(), "ip_address", address, "user_agent", USER_AGENT)));
            assertThat(recorded.status()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_visitor_salt_goes_only_to_keys_that_hold_the_redirector_scope_themselves() {
        assertThat(server.http.get("/api/visitor-salt", ADMIN_KEY).status()).isEqualTo(403);
        assertThat(server.http.get("/api/visitor-salt", server.createKey("admin")).status()).isEqualTo(403);
        assertThat(server.http.get("/api/visitor-salt", server.createKey("analytics:read")).status()).isEqualTo(403);
        HttpJson.Response refused = server.http.get("/api/visitor-salt", ADMIN_KEY);
        assertThat(refused.json().get("error").asText()).contains("redirector");
        assertThat(refused.body()).doesNotContain("salt\"");
        assertThat(server.http.get("/api/visitor-salt", server.createKey("redirector")).status()).isEqualTo(200);
        assertThat(server.http.get("/api/visitor-salt", server.createKey("admin", "redirector")).status()).isEqualTo(200);
    }

    @Test
    void the_csv_export_cannot_be_brute_forced_back_to_an_address_even_by_a_key_that_also_holds_the_salt() {
        String both = server.createKey("redirector", "analytics:read");
        String salt = server.http.get("/api/visitor-salt", both).json().get("salt").asText();
        List<String[]> rows = rows(server.http.send("GET", "/api/analytics/clicks.csv?include_bots=true", both, null, "text/csv").body());
        assertThat(rows).hasSize(ADDRESSES.size());
        int visitorColumn = Arrays.asList(header()).indexOf("visitor");
        assertThat(visitorColumn).isPositive();

        // The attack: every address of each row's /24 prefix, hashed with the day's salt and the row's user agent.
        for (String[] row : rows) {
            String prefix = row[Arrays.asList(header()).indexOf("ip_prefix")].replace(".0/24", ".");
            for (int last = 0; last < 256; last++) {
                String candidate = Anonymizer.visitorHash(salt, Anonymizer.addressIdentity(prefix + last, USER_AGENT).orElseThrow());
                assertThat(String.join(",", row)).doesNotContain(candidate);
            }
        }
        // Still good for counting: the same visitor shares a pseudonym within the export, others differ.
        assertThat(rows.get(0)[visitorColumn]).isNotBlank().isEqualTo(rows.get(1)[visitorColumn]);
        assertThat(rows.get(2)[visitorColumn]).isNotEqualTo(rows.get(0)[visitorColumn]);
        assertThat(rows.get(3)[visitorColumn]).isNotEqualTo(rows.get(0)[visitorColumn]).isNotEqualTo(rows.get(2)[visitorColumn]);
        // And exports cannot be joined with one another.
        List<String[]> again = rows(server.http.send("GET", "/api/analytics/clicks.csv?include_bots=true", both, null, "text/csv").body());
        assertThat(again.get(0)[visitorColumn]).isNotEqualTo(rows.get(0)[visitorColumn]);
    }

    /**
     * The oracle a review found: with an admin key, post one probe click per address of the prefix with the
     * victim's user agent, export once, and find the probe that shares the victim's pseudonym. Posting clicks
     * takes a redirector key itself, and those are made only on the server.
     */
    @Test
    void an_admin_key_can_neither_post_clicks_with_chosen_addresses_nor_make_a_key_that_can() {
        String madeAdmin = server.createKey("admin");
        for (String admin : new String[] {ADMIN_KEY, madeAdmin}) {
            HttpJson.Response probe = server.http.send("POST", "/api/link-tracking/record-click", admin, HttpJson.json(Map.of(
                    "tracking_id", token, "clicked_at", java.time.Instant.now().toString(), "ip_address", "198.51.100.77",
                    "user_agent", USER_AGENT, "click_source", "probe1")));
            assertThat(probe.status()).isEqualTo(403);
            assertThat(server.http.send("POST", "/api/link-tracking/record-clicks", admin, HttpJson.json(List.of(Map.of(
                    "click_id", "0190f3a0-0000-7000-8000-0000000000aa", "tracking_id", token, "clicked_at",
                    java.time.Instant.now().toString(), "visitor_hash", "0".repeat(64))))).status()).isEqualTo(403);
            for (String scopes : new String[] {"[\"redirector\"]", "[\"admin\",\"redirector\"]"}) {
                HttpJson.Response key = server.http.send("POST", "/api/keys", admin, "{\"scopes\":" + scopes + "}");
                assertThat(key.status()).isEqualTo(403);
                assertThat(key.json().get("error").asText()).contains("create-key redirector");
            }
        }
        assertThat(server.http.get("/api/analytics/clicks.csv?include_bots=true", ADMIN_KEY).body()).doesNotContain("probe1");
        // Only the setup's redirector key exists: the refused requests made none.
        assertThat(server.http.get("/api/keys", ADMIN_KEY).body().split("redirector", -1)).hasSize(2);
    }

    @Test
    void a_conversions_key_of_a_landing_site_reads_nothing() {
        String site = server.createKey("conversions:write");
        for (String path : new String[] {"/api/link-tracking/analytics/" + token, "/api/analytics/summary", "/api/analytics/clicks.csv",
            "/api/analytics/top-links", "/api/jobs/j1", "/api/jobs/j1/links", "/api/jobs/j1/analytics", "/api/links/" + token,
            "/api/visitor-salt", "/api/sources", "/api/keys"}) {
            HttpJson.Response response = server.http.get(path, site);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).doesNotContain("github.com/jane");
        }
        // The guide's sample handler reads links with its redirector key; analytics keys read them too.
        assertThat(server.http.get("/api/link-tracking/analytics/" + token, server.createKey("redirector")).status()).isEqualTo(200);
        assertThat(server.http.get("/api/link-tracking/analytics/" + token, server.createKey("analytics:read")).status()).isEqualTo(200);
    }

    private static String[] header() {
        return "click_id,clicked_at,tracking_id,job_id,link_function,method,is_bot,bot_reason,ip_prefix,visitor,user_agent,referrer_host,click_source,metadata,conversions".split(",");
    }

    /** The export's rows; the user agent is the only quoted field here and holds the only commas. */
    private static List<String[]> rows(String csv) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo(String.join(",", header()));
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].replace("\"" + USER_AGENT + "\"", "UA").split(",", -1));
        }
        return rows;
    }
}
