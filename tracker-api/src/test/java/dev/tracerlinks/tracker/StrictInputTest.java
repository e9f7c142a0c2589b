package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Types are strict and text is what it looks like: each case here was accepted (and guessed at) once. */
class StrictInputTest {
    @TempDir
    Path directory;
    TrackerApiServer server;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "https://t.example.dev");
        server.putJob("j1", "Amazon");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"false\"", "0", "\"no\"", "null"})
    void is_active_takes_only_a_json_boolean_and_a_refused_patch_leaves_the_link_live(String value) {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response response = server.http.send("PATCH", "/api/links/" + token, ADMIN_KEY, "{\"is_active\":" + value + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("is_active");
        assertThat(server.http.get("/api/links/" + token, ADMIN_KEY).json().get("is_active").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "\"true\"", "1", "\"yes\""})
    void tracer_links_enabled_takes_only_a_json_boolean(String value) {
        HttpJson.Response response = server.http.send("PATCH", "/api/jobs/j1", ADMIN_KEY, "{\"tracer_links_enabled\":" + value + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("tracer_links_enabled").contains("true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "true", "12.5", "[\"Amazon\"]", "{\"name\":\"Amazon\"}"})
    void a_string_field_takes_only_a_string(String value) {
        HttpJson.Response response = server.http.send("PUT", "/api/jobs/j2", ADMIN_KEY, "{\"company\":" + value + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("company");
        assertThat(server.http.get("/api/jobs/j2", ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void a_field_given_twice_is_refused_instead_of_the_last_one_winning() {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response response = server.http.send("PATCH", "/api/links/" + token, ADMIN_KEY,
                "{\"is_active\":true,\"is_active\":false}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("Field is_active appears twice in the request body; send each field once.");
        assertThat(server.http.get("/api/links/" + token, ADMIN_KEY).json().get("is_active").asBoolean()).isTrue();
    }

    @Test
    void a_whole_number_field_refuses_a_fraction_and_a_string() {
        for (String value : new String[] {"2.5", "\"2\""}) {
            HttpJson.Response response = server.http.send("POST", "/api/conversions", ADMIN_KEY,
                    "{\"click_id\":\"0190f3a0-0000-7000-8000-000000000001\",\"event\":" + value + "}");
            assertThat(response.status()).as(value + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).contains("event");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "TRUE", "True", "yes", ""})
    void include_bots_is_true_or_false_and_nothing_else(String value) {
        HttpJson.Response response = server.http.get("/api/analytics/summary?include_bots=" + value, ADMIN_KEY);
        if (value.isEmpty()) {
            assertThat(response.status()).isEqualTo(200);
            return;
        }
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("include_bots must be true or false, got \"" + value + "\".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme\\u0000", "Ac\\u0007me", "Acme\\r\\nX-Injected: 1", "Acme\\t Corp", "\\u202Eexe.jpg", "Acme\\u2066x\\u2069",
        "Acme\\u0085", "Acme\\u2028next"})
    void control_and_bidi_override_characters_in_names_are_refused(String escaped) {
        HttpJson.Response response = server.http.send("PUT", "/api/jobs/j3", ADMIN_KEY, "{\"company\":\"" + escaped + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).startsWith("company holds the character U+");
        assertThat(server.http.get("/api/jobs/j3", ADMIN_KEY).status()).isEqualTo(404);

        HttpJson.Response title = server.http.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"company\":\"Amazon\",\"title\":\"" + escaped + "\"}");
        assertThat(title.status()).isEqualTo(400);
        HttpJson.Response link = server.http.send("POST", "/api/links", ADMIN_KEY, "{\"job_id\":\"j1\",\"source_path\":\"p1\","
                + "\"destination_url\":\"https://github.com/jane\",\"description\":\"" + escaped + "\"}");
        assertThat(link.status()).isEqualTo(400);
        HttpJson.Response key = server.http.send("POST", "/api/keys", ADMIN_KEY, "{\"scopes\":[\"analytics:read\"],\"name\":\"" + escaped + "\"}");
        assertThat(key.status()).isEqualTo(400);
    }

    @Test
    void a_lone_surrogate_is_refused_not_stored_as_a_question_mark() {
        for (String escaped : new String[] {"Acme \\ud800", "\\udc00Acme", "Acme \\ud83d"}) {
            HttpJson.Response response = server.http.send("PUT", "/api/jobs/j4", ADMIN_KEY, "{\"company\":\"" + escaped + "\"}");
            assertThat(response.status()).as(escaped + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).isEqualTo("Field company is not valid Unicode text (it holds half of a surrogate pair).");
        }
        // A real pair is a real character.
        HttpJson.Response emoji = server.http.send("PUT", "/api/jobs/j4", ADMIN_KEY, "{\"company\":\"Acme \\ud83d\\ude80\"}");
        assertThat(emoji.status()).isEqualTo(201);
        assertThat(emoji.json().get("company").asText()).isEqualTo("Acme \uD83D\uDE80");
    }

    @Test
    void ordinary_international_names_pass() {
        HttpJson.Response response = server.http.send("PUT", "/api/jobs/j5", ADMIN_KEY,
                "{\"company\":\"Société Générale – 日本電気 (עברית)\",\"title\":\"SRE / DevOps\"}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("company").asText()).isEqualTo("Société Générale – 日本電気 (עברית)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"is_active\":false}x", "{\"is_active\":false} {\"is_active\":true}", "{\"is_active\":false}]"})
    void data_after_the_json_document_is_refused(String body) {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response response = server.http.send("PATCH", "/api/links/" + token, ADMIN_KEY, body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).containsAnyOf("after its JSON document", "not valid JSON");
        assertThat(server.http.get("/api/links/" + token, ADMIN_KEY).json().get("is_active").asBoolean()).isTrue();
    }

    @Test
    void a_field_the_request_does_not_take_is_refused_by_name() {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response patch = server.http.send("PATCH", "/api/links/" + token, ADMIN_KEY,
                "{\"is_active\":false,\"destination_url\":\"https://evil.example\"}");
        assertThat(patch.status()).as(patch.body()).isEqualTo(400);
        assertThat(patch.json().get("error").asText()).contains("destination_url").contains("is_active");
        assertThat(server.http.get("/api/links/" + token, ADMIN_KEY).json().get("is_active").asBoolean()).isTrue();

        HttpJson.Response click = server.http.send("POST", "/api/link-tracking/record-click", server.createKey("redirector"),
                "{\"tracking_id\":\"" + token + "\",\"clicked_at\":\"2026-01-01T00:00:00Z\",\"is_bot\":\"false\"}");
        assertThat(click.status()).as(click.body()).isEqualTo(400);
        assertThat(click.json().get("error").asText()).contains("is_bot");
        assertThat(server.http.send("PUT", "/api/jobs/j3", ADMIN_KEY, "{\"company\":\"A\",\"tracer_links_enabled\":2}").status())
                .isEqualTo(400);
        assertThat(server.http.send("PUT", "/api/jobs/j3", ADMIN_KEY, "{\"company\":\"A\",\"colour\":\"red\"}").status())
                .isEqualTo(400);
    }

    @Test
    void the_edges_batches_skip_fields_a_newer_redirector_may_add() {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response batch = server.http.send("POST", "/api/link-tracking/record-clicks", server.createKey("redirector"),
                "[{\"click_id\":\"0190f3a0-0000-7000-8000-0000000000bb\",\"tracking_id\":\"" + token
                + "\",\"clicked_at\":\"2026-01-01T00:00:00Z\",\"a_field_of_a_later_release\":1}]");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get("recorded").asInt()).isEqualTo(1);
    }

    @Test
    void a_repeated_query_parameter_and_control_characters_in_one_are_refused() {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response repeated = server.http.get("/api/link-tracking/analytics/" + token + "?include_bots=true&include_bots=false", ADMIN_KEY);
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().get("error").asText()).contains("include_bots").contains("once");
        HttpJson.Response control = server.http.get("/api/analytics/summary?job_id=a%0d%0ab", ADMIN_KEY);
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().get("error").asText()).contains("job_id").contains("U+000D");
        assertThat(server.http.get("/api/analytics/summary?job_id=j1", ADMIN_KEY).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u202e", "\\u200f", "\\u0000", "\\n"})
    void a_destination_url_with_a_control_or_bidi_character_is_refused(String escaped) {
        HttpJson.Response response = server.http.send("POST", "/api/links", ADMIN_KEY,
                "{\"job_id\":\"j1\",\"source_path\":\"p9\",\"destination_url\":\"https://github.com/" + escaped + "x\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("destination_url");
    }

    @Test
    void what_a_visitor_sent_is_kept_with_control_and_bidi_characters_replaced_so_the_click_is_not_lost() {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response click = server.http.send("POST", "/api/link-tracking/record-click", server.createKey("redirector"),
                "{\"tracking_id\":\"" + token + "\",\"clicked_at\":\"2026-01-01T00:00:00Z\",\"user_agent\":\"Mozilla/5.0\\u0000\\r\\nX\\u202e\","
                + "\"metadata\":{\"utm_\\u202esource\":\"a\\u0007b\"}}");
        assertThat(click.status()).as(click.body()).isEqualTo(201);
        String csv = server.http.send("GET", "/api/analytics/clicks.csv?include_bots=true&from=2000-01-01", ADMIN_KEY, null, "text/csv").body();
        assertThat(csv).contains("Mozilla/5.0\uFFFD\uFFFD\uFFFDX\uFFFD").contains("utm_\uFFFDsource").contains("a\uFFFDb")
                .doesNotContain("\u0000").doesNotContain("\u202e").doesNotContain("\u0007");
    }

    @Test
    void a_lone_surrogate_in_a_json_resume_or_a_map_key_is_refused() {
        HttpJson.Response resume = server.http.send("POST", "/api/jobs/j1/resume", ADMIN_KEY,
                "{\"basics\":{\"name\":\"A\\ud800\",\"url\":\"https://jane.dev\"}}");
        assertThat(resume.status()).as(resume.body()).isEqualTo(400);
        assertThat(resume.json().get("error").asText()).contains("basics.name").contains("surrogate");
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response click = server.http.send("POST", "/api/link-tracking/record-click", server.createKey("redirector"),
                "{\"tracking_id\":\"" + token + "\",\"clicked_at\":\"2026-01-01T00:00:00Z\",\"metadata\":{\"a\\udc00\":\"b\"}}");
        assertThat(click.status()).as(click.body()).isEqualTo(400);
        assertThat(click.json().get("error").asText()).contains("surrogate");
    }

    @Test
    void a_key_given_twice_inside_metadata_gets_the_same_sentence_as_at_the_top() {
        String token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response click = server.http.send("POST", "/api/link-tracking/record-click", server.createKey("redirector"),
                "{\"tracking_id\":\"" + token + "\",\"clicked_at\":\"2026-01-01T00:00:00Z\",\"metadata\":{\"a\":\"1\",\"a\":\"2\"}}");
        assertThat(click.status()).isEqualTo(400);
        assertThat(click.json().get("error").asText()).contains("Field a appears twice");
    }
}
