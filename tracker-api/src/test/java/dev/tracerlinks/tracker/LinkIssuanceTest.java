package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkIssuanceTest {
    @TempDir
    Path directory;
    TrackerApiServer server;
    HttpJson http;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "https://t.example.dev/");
        http = server.http;
        server.putJob("j1", "Société Générale");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_new_link_answers_201_with_the_guide_link_structure() {
        HttpJson.Response issued = server.issueLink("j1", "page1/annot0", "https://github.com/jane");
        assertThat(issued.status()).isEqualTo(201);
        JsonNode link = issued.json();
        String token = link.get("tracking_id").asText();
        assertThat(token).matches("societe-generale-[a-z]{2}");
        assertThat(link.get("redirect_url").asText()).isEqualTo("https://t.example.dev/cv/" + token);
        assertThat(link.get("original_url").asText()).isEqualTo("https://github.com/jane");
        assertThat(link.get("link_function").asText()).isEqualTo("GitHub");
        assertThat(link.get("is_active").asBoolean()).isTrue();
        assertThat(link.get("job_id").asText()).isEqualTo("j1");
        for (String field : new String[] {"link_type", "application_id", "description", "created_at"}) {
            assertThat(link.has(field)).as(field).isTrue();
        }
    }

    @Test
    void same_job_path_and_destination_reuse_the_token_with_200() {
        String first = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response again = server.issueLink("j1", "p1", "https://github.com/jane");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("tracking_id").asText()).isEqualTo(first);
    }

    @Test
    void a_changed_destination_gets_a_new_token_and_the_old_one_stays_active() {
        String old = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response changed = server.issueLink("j1", "p1", "https://github.com/jane-doe");
        assertThat(changed.status()).isEqualTo(201);
        assertThat(changed.json().get("tracking_id").asText()).isNotEqualTo(old);
        assertThat(http.get("/api/links/" + old, ADMIN_KEY).json().get("is_active").asBoolean()).isTrue();
    }

    @Test
    void another_source_path_or_job_gets_its_own_token() {
        server.putJob("j2", "Société Générale");
        String a = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        String b = server.issueLink("j1", "p2", "https://github.com/jane").json().get("tracking_id").asText();
        String c = server.issueLink("j2", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        assertThat(Set.of(a, b, c)).hasSize(3);
    }

    @Test
    void a_deactivated_link_is_not_reused() {
        String old = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
        HttpJson.Response off = http.send("PATCH", "/api/links/" + old, ADMIN_KEY, "{\"is_active\":false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("is_active").asBoolean()).isFalse();

        HttpJson.Response fresh = server.issueLink("j1", "p1", "https://github.com/jane");
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().get("tracking_id").asText()).isNotEqualTo(old);

        HttpJson.Response reactivate = http.send("PATCH", "/api/links/" + old, ADMIN_KEY, "{\"is_active\":true}");
        assertThat(reactivate.status()).isEqualTo(409);
        assertThat(http.send("PATCH", "/api/links/" + old, ADMIN_KEY, "{}").status()).isEqualTo(400);
        assertThat(http.send("PATCH", "/api/links/nope-xx", ADMIN_KEY, "{\"is_active\":false}").status()).isEqualTo(404);
    }

    @Test
    void tokens_keep_coming_past_676_for_one_company_without_collisions() {
        server.putJob("big", "Acme");
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 700; i++) {
            HttpJson.Response issued = server.issueLink("big", "p" + i, "https://example.com/" + i);
            assertThat(issued.status()).isEqualTo(201);
            tokens.add(issued.json().get("tracking_id").asText());
        }
        assertThat(tokens).hasSize(700);
        assertThat(tokens.stream().filter(token -> token.matches("acme-[a-z]{2}"))).hasSize(676);
        assertThat(tokens.stream().filter(token -> token.matches("acme-[a-z]{3}"))).hasSize(24);
    }

    @Test
    void a_company_name_without_letters_gets_the_fallback_slug() {
        server.putJob("j3", "日本電気");
        assertThat(server.issueLink("j3", "p1", "https://example.com").json().get("tracking_id").asText())
                .matches("company-[a-z]{2}");
    }

    @Test
    void an_unknown_job_answers_404() {
        HttpJson.Response response = server.issueLink("nope", "p1", "https://github.com/jane");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asText()).contains("nope");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "javascript:alert(1)          | javascript: scheme",
        "data:text/plain;base64,SGk=  | data: scheme",
        "/cv/relative                 | relative URL",
        "github.com/jane              | relative URL",
        "https://exa mple.com         | not a valid URL",
        "mailto:jane@example.com      | mailto: scheme",
    })
    void non_http_destinations_are_refused_with_a_reason(String destination, String reason) {
        HttpJson.Response response = server.issueLink("j1", "p1", destination);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains(reason);
        assertThat(response.json().get("field").asText()).isEqualTo("destination_url");
        assertThat(http.get("/api/jobs/j1/links", ADMIN_KEY).json()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "https://127.0.0.1/admin              | a loopback address",
        "http://169.254.169.254/latest/meta-data/ | a link-local address",
        "https://[::1]/                       | a loopback address",
        "http://2130706433/                   | a loopback address",
        "http://0177.0.0.1:8080/              | a loopback address",
        "http://10.0.0.5/wiki                 | a private address",
        "http://192.168.178.1/                | a private address",
        "http://[fd12:3456::1]/               | a private IPv6 address",
        "http://localhost:3000/portfolio      | a loopback address",
        "http://metadata.google.internal/computeMetadata/v1/ | a local network name",
        "http://intranet/jobs                 | a name without a domain",
        "https://t.example.dev/cv/other-link  | points at this Tracer Links instance",
        "https://T.EXAMPLE.DEV./cv/other-link | points at this Tracer Links instance",
    })
    void destinations_in_a_private_network_or_on_this_instance_are_refused(String destination, String reason) {
        HttpJson.Response response = server.issueLink("j1", "p1", destination);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains(reason);
        assertThat(response.json().get("field").asText()).isEqualTo("destination_url");
        assertThat(http.get("/api/jobs/j1/links", ADMIN_KEY).json()).isEmpty();
    }

    @Test
    void an_operator_can_allow_intranet_destinations_but_never_a_tracer_link_to_itself(@TempDir Path other) {
        try (TrackerApiServer intranet = TrackerApiServer.start(other, "https://t.example.dev", 0,
                Map.of("TRACER_ALLOW_PRIVATE_DESTINATIONS", "true"))) {
            intranet.putJob("j1", "Acme");
            assertThat(intranet.issueLink("j1", "p1", "http://10.0.0.5/wiki").status()).isEqualTo(201);
            assertThat(intranet.issueLink("j1", "p2", "http://localhost:3000/").status()).isEqualTo(201);
            assertThat(intranet.issueLink("j1", "p3", "https://t.example.dev/cv/acme-xy").status()).isEqualTo(400);
        }
    }

    /** Each was accepted once (issue #17 review): the base host written with a trailing dot, the printed base, the base's address. */
    @Test
    void a_tracer_link_to_this_instance_is_refused_however_its_host_is_written(@TempDir Path dotted, @TempDir Path byAddress) {
        try (TrackerApiServer instance = TrackerApiServer.start(dotted, "https://T.Example.Dev.", 0,
                Map.of("TRACER_PRINTED_BASE", "Go.Example.Dev"))) {
            instance.putJob("j1", "Acme");
            for (String destination : new String[] {"https://t.example.dev/cv/x", "https://t.example.dev./cv/x",
                "https://go.example.dev/cv/x", "https://GO.example.dev./cv/x"}) {
                HttpJson.Response response = instance.issueLink("j1", "p1", destination);
                assertThat(response.status()).as(destination).isEqualTo(400);
                assertThat(response.json().get("error").asText()).contains("points at this Tracer Links instance");
            }
            assertThat(instance.issueLink("j1", "p1", "https://example.dev/cv/x").status()).isEqualTo(201);
        }
        try (TrackerApiServer instance = TrackerApiServer.start(byAddress, "http://203.0.113.10:8080", 0,
                Map.of("TRACER_ALLOW_PRIVATE_DESTINATIONS", "true"))) {
            instance.putJob("j1", "Acme");
            // 203.0.113.10 as one decimal number, and in hex: the same host to a browser.
            for (String destination : new String[] {"http://3405803786:8080/cv/x", "http://0xcb.0.0x71.10/cv/x"}) {
                assertThat(instance.issueLink("j1", "p1", destination).status()).as(destination).isEqualTo(400);
            }
        }
    }

    @Test
    void missing_fields_are_listed() {
        HttpJson.Response response = http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of("job_id", "j1")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("source_path").contains("destination_url");
        assertThat(response.json().get("required_fields").toString()).contains("job_id", "source_path", "destination_url");
    }

    @Test
    void a_jobs_links_are_listed() {
        server.issueLink("j1", "p1", "https://github.com/jane");
        server.issueLink("j1", "p2", "https://linkedin.com/in/jane");
        HttpJson.Response links = http.get("/api/jobs/j1/links", ADMIN_KEY);
        assertThat(links.status()).isEqualTo(200);
        assertThat(links.json()).hasSize(2);
        assertThat(links.json().get(1).get("link_function").asText()).isEqualTo("LinkedIn");
        assertThat(http.get("/api/jobs/nope/links", ADMIN_KEY).status()).isEqualTo(404);
    }
}
