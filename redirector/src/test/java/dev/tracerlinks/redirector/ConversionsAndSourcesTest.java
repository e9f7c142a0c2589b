package dev.tracerlinks.redirector;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.tracker.HttpJson;
import dev.tracerlinks.tracker.Poll;
import dev.tracerlinks.tracker.TrackerApiServer;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracking links through the real redirector: click id and tracking code on the destination, conversions reported back, analytics by source. */
class ConversionsAndSourcesTest {
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path directory;
    TrackerApiServer tracker;
    Javalin redirector;
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        tracker = TrackerApiServer.start(directory, "http://localhost:8080");
        redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create(tracker.baseUrl()), tracker.createKey("redirector"),
                directory.resolve("edge")), Clock.systemUTC()).start("127.0.0.1", 0);
        tracker.putJob("j1", "Globex");
    }

    @AfterEach
    void stop() {
        redirector.stop();
        tracker.close();
    }

    @Test
    void click_id_and_tracking_code_reach_the_destination_and_a_reported_conversion_shows_in_analytics() throws Exception {
        HttpJson.Response source = tracker.http.send("POST", "/api/sources", ADMIN_KEY, HttpJson.json(Map.of("name", "Indeed", "type", "job_board")));
        assertThat(source.status()).isEqualTo(201);
        String sourceId = source.json().get("source_id").asText();

        HttpJson.Response issued = tracker.http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of(
                "job_id", "j1", "source_path", "indeed/apply", "destination_url", "https://jobs.example.com/apply?id=7#top",
                "append_click_id", true, "click_id_param", "tlr_sid", "source_id", sourceId, "title", "Indeed posting",
                "credited_to", "Dana (recruiter)")));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode link = issued.json();
        String code = link.get("tracking_code").asText();
        assertThat(code).matches("[2-9a-hjkmnp-z]{8}");
        assertThat(link.get("tracking_code_param").asText()).isEqualTo("utm_source");
        assertThat(link.get("credited_to").asText()).isEqualTo("Dana (recruiter)");

        String location = follow(link.get("tracking_id").asText(), true);
        Matcher clickId = Pattern.compile("&tlr_sid=(" + UUID.pattern() + ")#top$").matcher(location);
        assertThat(location).startsWith("https://jobs.example.com/apply?id=7&utm_source=" + code + "&tlr_sid=");
        assertThat(clickId.find()).as(location).isTrue();
        String humanClick = clickId.group(1);
        String botClick = extractClickId(follow(link.get("tracking_id").asText(), false));
        Poll.until("both clicks arrived", Duration.ofSeconds(15), () ->
                tracker.analytics(link.get("tracking_id").asText()).json().get("click_statistics").get("total_clicks").asLong() == 2);

        // A second link of the job with a human click and no conversion: rates are per link, not per range.
        String other = tracker.issueLink("j1", "other", "https://example.com/other").json().get("tracking_id").asText();
        follow(other, true);
        Poll.until("the other link's click arrived", Duration.ofSeconds(15), () ->
                tracker.analytics(other).json().get("click_statistics").get("total_clicks").asLong() == 1);

        String siteKey = tracker.createKey("conversions:write");
        HttpJson.Response first = tracker.http.send("POST", "/api/conversions", siteKey, HttpJson.json(Map.of("click_id", humanClick, "event", 2)));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("recorded");
        assertThat(first.json().get("is_bot").asBoolean()).isFalse();
        HttpJson.Response again = tracker.http.send("POST", "/api/conversions", siteKey, HttpJson.json(Map.of("click_id", humanClick, "event", 2)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        HttpJson.Response pixel = tracker.http.get("/api/conversions/3?click_id=" + humanClick, siteKey);
        assertThat(pixel.status()).isEqualTo(200);
        assertThat(pixel.json().get("event").asInt()).isEqualTo(3);
        HttpJson.Response byBot = tracker.http.send("POST", "/api/conversions", siteKey, HttpJson.json(Map.of("click_id", botClick)));
        assertThat(byBot.json().get("is_bot").asBoolean()).isTrue();
        assertThat(byBot.json().get("event").asInt()).isEqualTo(2);

        JsonNode conversions = tracker.http.get("/api/analytics/summary", ADMIN_KEY).json().get("conversions");
        assertThat(conversions.get("event2").asLong()).isEqualTo(1);
        assertThat(conversions.get("event3").asLong()).isEqualTo(1);
        assertThat(conversions.get("converted_clicks").asLong()).isEqualTo(1);
        assertThat(conversions.get("conversion_rate").asDouble()).isEqualTo(0.5);
        assertThat(conversions.get("bot_conversions").asLong()).isEqualTo(1);

        JsonNode tracked = null;
        for (JsonNode row : tracker.http.get("/api/analytics/top-links", ADMIN_KEY).json()) {
            if (row.get("tracking_id").asText().equals(link.get("tracking_id").asText())) {
                tracked = row;
            }
        }
        assertThat(tracked.get("conversions").get("event2").asLong()).isEqualTo(1);
        assertThat(tracked.get("conversions").get("conversion_rate").asDouble()).isEqualTo(1.0);
        JsonNode job = tracker.http.get("/api/analytics/top-jobs", ADMIN_KEY).json().get(0);
        assertThat(job.get("conversions").get("converted_clicks").asLong()).isEqualTo(1);
        assertThat(job.get("conversions").get("conversion_rate").asDouble()).isEqualTo(0.5);
        JsonNode drilldown = tracker.http.get("/api/jobs/j1/analytics", ADMIN_KEY).json();
        assertThat(drilldown.get("conversions").get("event3").asLong()).isEqualTo(1);
        assertThat(drilldown.get("links").get(0).get("conversions").get("bot_conversions").asLong()).isEqualTo(1);
        String csv = tracker.http.send("GET", "/api/analytics/clicks.csv?include_bots=true", ADMIN_KEY, null, "text/csv").body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",conversions");
        assertThat(csv.lines().filter(line -> line.startsWith(humanClick))).singleElement().satisfies(line -> assertThat(line).endsWith(",2 3"));
        assertThat(csv.lines().filter(line -> line.startsWith(botClick))).singleElement().satisfies(line -> assertThat(line).endsWith(",2"));

        JsonNode indeed = tracker.http.get("/api/analytics/sources", tracker.createKey("analytics:read")).json().get("sources").get(0);
        assertThat(indeed.get("source_id").asText()).isEqualTo(sourceId);
        assertThat(indeed.get("human_clicks").asLong()).isEqualTo(1);
        assertThat(indeed.get("bot_clicks").asLong()).isEqualTo(1);
        assertThat(indeed.get("conversions").get("event2").asLong()).isEqualTo(1);
    }

    @Test
    void conversions_need_their_scope_and_a_known_click() {
        String siteKey = tracker.createKey("conversions:write");
        String reader = tracker.createKey("analytics:read");
        String unknown = "0190a6d2-7c3e-7b1a-9c4d-5e6f7a8b9c0d";
        HttpJson.Response missing = tracker.http.send("POST", "/api/conversions", siteKey, HttpJson.json(Map.of("click_id", unknown)));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).contains("is not known");
        assertThat(tracker.http.send("POST", "/api/conversions", siteKey, HttpJson.json(Map.of("click_id", unknown, "event", 4))).status()).isEqualTo(400);
        assertThat(tracker.http.send("POST", "/api/conversions", siteKey, HttpJson.json(Map.of("click_id", "nope"))).status()).isEqualTo(400);
        assertThat(tracker.http.get("/api/conversions/x?click_id=" + unknown, siteKey).status()).isEqualTo(400);
        assertThat(tracker.http.send("POST", "/api/conversions", reader, HttpJson.json(Map.of("click_id", unknown))).status()).isEqualTo(403);
        assertThat(tracker.http.send("POST", "/api/sources", siteKey, HttpJson.json(Map.of("name", "X"))).status()).isEqualTo(403);
        assertThat(tracker.http.send("POST", "/api/sources", reader, HttpJson.json(Map.of("name", "X"))).status()).isEqualTo(403);
        assertThat(tracker.http.get("/api/sources", reader).status()).isEqualTo(200);
    }

    @Test
    void sources_are_renamed_and_archived_and_an_archived_source_takes_no_new_links() {
        String id = tracker.http.send("POST", "/api/sources", ADMIN_KEY, HttpJson.json(Map.of("name", "Referral: Sam", "type", "referral")))
                .json().get("source_id").asText();
        assertThat(tracker.http.send("POST", "/api/sources", ADMIN_KEY, HttpJson.json(Map.of("name", "X", "type", "carrier-pigeon"))).status())
                .isEqualTo(400);
        HttpJson.Response renamed = tracker.http.send("PATCH", "/api/sources/" + id, ADMIN_KEY, HttpJson.json(Map.of("name", "Referral: Sam K.")));
        assertThat(renamed.json().get("name").asText()).isEqualTo("Referral: Sam K.");
        tracker.http.send("PATCH", "/api/sources/" + id, ADMIN_KEY, HttpJson.json(Map.of("archived", true)));
        HttpJson.Response refused = tracker.http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of(
                "job_id", "j1", "source_path", "ref", "destination_url", "https://jobs.example.com/", "source_id", id)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).contains("archived");
        assertThat(tracker.http.get("/api/sources", ADMIN_KEY).json().get("sources").get(0).get("archived").asBoolean()).isTrue();
    }

    @Test
    void a_plain_link_redirects_to_exactly_its_destination_and_an_existing_parameter_is_never_clobbered() throws Exception {
        String plain = tracker.issueLink("j1", "p", "https://example.com/a?utm_source=cv#x").json().get("tracking_id").asText();
        assertThat(follow(plain, true)).isEqualTo("https://example.com/a?utm_source=cv#x");
        HttpJson.Response coded = tracker.http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of(
                "job_id", "j1", "source_path", "q", "destination_url", "https://example.com/a?utm_source=cv", "tracking_code", "spring-fair")));
        assertThat(coded.json().get("tracking_code").asText()).isEqualTo("spring-fair");
        assertThat(follow(coded.json().get("tracking_id").asText(), true)).isEqualTo("https://example.com/a?utm_source=cv");
        HttpJson.Response named = tracker.http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of(
                "job_id", "j1", "source_path", "r", "destination_url", "https://ats.example.com/jobs/9", "tracking_code", "ref-sam",
                "tracking_code_param", "src")));
        assertThat(follow(named.json().get("tracking_id").asText(), true)).isEqualTo("https://ats.example.com/jobs/9?src=ref-sam");
        HttpJson.Response taken = tracker.http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of(
                "job_id", "j1", "source_path", "other", "destination_url", "https://example.com/b", "tracking_code", "spring-fair")));
        assertThat(taken.status()).isEqualTo(409);
    }

    private String follow(String token, boolean asBrowser) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + redirector.port() + "/cv/" + token));
        if (asBrowser) {
            request.header("User-Agent", BROWSER).header("Accept", "text/html").header("Accept-Language", "en-US")
                    .header("Sec-Fetch-Mode", "navigate");
        }
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String extractClickId(String location) {
        Matcher matcher = UUID.matcher(location);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
