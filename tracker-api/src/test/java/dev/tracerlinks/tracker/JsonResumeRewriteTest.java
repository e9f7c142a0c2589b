package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/jobs/{job_id}/resume}: JSON Resume and Reactive Resume documents. */
class JsonResumeRewriteTest {
    static final String RESUME = """
            {
              "basics": {
                "name": "Jane Doe",
                "url": "https://jane.example.dev/",
                "image": "https://jane.example.dev/me.jpg",
                "email": "jane@example.dev",
                "profiles": [
                  {"network": "GitHub", "username": "janedoe", "url": "https://github.com/janedoe"},
                  {"network": "LinkedIn", "username": "github.com/janedoe", "url": "https://www.linkedin.com/in/jane-doe/"}
                ]
              },
              "work": [{"name": "Acme", "url": "https://acme.example.com", "website": "http://old.acme.example.com", "highlights": ["https://not-a-url-field.example.com"]}],
              "projects": [
                {"name": "raftkit", "url": "https://github.com/janedoe/raftkit", "description": "github.com/janedoe/raftkit"},
                {"name": "Talk", "url": "mailto:jane@example.dev"},
                {"name": "Blog", "url": "https://jane.example.dev/blog", "label": "jane.example.dev/blog"}
              ],
              "sections": {"custom": {"items": [{"url": {"label": "https://portfolio.example.dev", "href": "https://portfolio.example.dev"}}]}}
            }
            """;

    @TempDir
    Path directory;
    TestEdge edge;
    TrackerApiServer tracker;

    @BeforeEach
    void start() {
        edge = TestEdge.start();
        tracker = TrackerApiServer.start(directory, edge.baseUrl());
        edge.feedFrom(tracker);
        tracker.putJob("acme-sre", "Acme Corp");
    }

    @AfterEach
    void stop() {
        tracker.close();
        edge.close();
    }

    @Test
    void every_url_field_is_rewritten_with_its_json_path_and_labels_showing_the_url_follow() {
        tracker.enableTracerLinks("acme-sre");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, RESUME);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode resume = answer.json();
        String cv = edge.baseUrl() + "/cv/acme-corp-";
        assertThat(resume.at("/basics/url").asText()).startsWith(cv);
        assertThat(resume.at("/basics/profiles/0/url").asText()).startsWith(cv);
        assertThat(resume.at("/basics/profiles/1/url").asText()).startsWith(cv);
        assertThat(resume.at("/work/0/url").asText()).startsWith(cv);
        assertThat(resume.at("/work/0/website").asText()).startsWith(cv);
        assertThat(resume.at("/projects/0/url").asText()).startsWith(cv);
        assertThat(resume.at("/sections/custom/items/0/url/href").asText()).startsWith(cv);
        // Labels that show the URL now show the tracer URL, in the same form (with or without the scheme).
        assertThat(resume.at("/projects/0/description").asText()).isEqualTo(resume.at("/projects/0/url").asText().replaceFirst("^https?://", ""));
        assertThat(resume.at("/projects/2/label").asText()).isEqualTo(resume.at("/projects/2/url").asText().replaceFirst("^https?://", ""));
        assertThat(resume.at("/sections/custom/items/0/url/label").asText()).isEqualTo(resume.at("/sections/custom/items/0/url/href").asText());
        // Everything else stays: descriptive labels, a label showing another link's URL, images, e-mail links, free text.
        assertThat(resume.at("/basics/profiles/0/username").asText()).isEqualTo("janedoe");
        assertThat(resume.at("/basics/profiles/1/username").asText()).isEqualTo("github.com/janedoe");
        assertThat(resume.at("/basics/image").asText()).isEqualTo("https://jane.example.dev/me.jpg");
        assertThat(resume.at("/projects/1/url").asText()).isEqualTo("mailto:jane@example.dev");
        assertThat(resume.at("/work/0/highlights/0").asText()).isEqualTo("https://not-a-url-field.example.com");

        assertThat(answer.header("X-Tracer-Links-Rewritten")).isEqualTo("8");
        assertThat(answer.header("X-Tracer-Links-Skipped")).isEqualTo("1");
        JsonNode links = tracker.http.get("/api/jobs/acme-sre/links", ADMIN_KEY).json();
        assertThat(links).hasSize(8);
        assertThat(links.findValuesAsText("source_path")).contains("basics.profiles[1].url", "sections.custom.items[0].url.href", "work[0].website");

        // The same document again reuses every token.
        JsonNode again = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, RESUME).json();
        assertThat(again).isEqualTo(resume);
        assertThat(tracker.http.get("/api/jobs/acme-sre/links", ADMIN_KEY).json()).hasSize(8);
    }

    @Test
    void visible_text_keep_rewrites_every_link_and_leaves_the_labels_that_show_a_url() throws Exception {
        tracker.enableTracerLinks("acme-sre");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume?visible_text=keep", ADMIN_KEY, RESUME);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode resume = answer.json();
        JsonNode original = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RESUME);
        String cv = edge.baseUrl() + "/cv/acme-corp-";
        assertThat(resume.at("/projects/0/url").asText()).startsWith(cv);
        assertThat(resume.at("/sections/custom/items/0/url/href").asText()).startsWith(cv);
        assertThat(resume.at("/projects/0/description")).isEqualTo(original.at("/projects/0/description"));
        assertThat(resume.at("/projects/2/label")).isEqualTo(original.at("/projects/2/label"));
        assertThat(resume.at("/sections/custom/items/0/url/label")).isEqualTo(original.at("/sections/custom/items/0/url/label"));
        assertThat(answer.header("X-Tracer-Visible-Text")).isEqualTo("keep");
        assertThat(answer.header("X-Tracer-Links-Rewritten")).isEqualTo("8");
        assertThat(answer.header("X-Tracer-Visible-Text-Replaced")).isEqualTo("0");
        assertThat(answer.header("X-Tracer-Visible-Text-Kept")).isEqualTo("3");
    }

    @Test
    void with_tracer_links_off_the_document_comes_back_as_it_was() throws Exception {
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, RESUME);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(RESUME));
        assertThat(answer.header("X-Tracer-Links-Status")).isEqualTo("unchanged");
    }

    @Test
    void a_document_that_is_not_a_json_object_is_a_400() {
        tracker.enableTracerLinks("acme-sre");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, "[1, 2]");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).contains("JSON object");
        assertThat(tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, "{not json").status()).isEqualTo(400);
    }

    @Test
    void a_reactive_resume_export_keeps_its_picture_and_gets_every_link_rewritten() throws Exception {
        tracker.enableTracerLinks("acme-sre");
        String document = resource("reactive-resume-pikachu.json");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, document);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode resume = answer.json();
        JsonNode original = new com.fasterxml.jackson.databind.ObjectMapper().readTree(document);
        // The photo is loaded by the renderer: a redirect there breaks the picture and counts its fetches as clicks.
        assertThat(resume.at("/basics/picture")).isEqualTo(original.at("/basics/picture"));
        String cv = edge.baseUrl() + "/cv/acme-corp-";
        assertThat(resume.at("/basics/url/href").asText()).startsWith(cv);
        for (int i = 0; i < 3; i++) {
            assertThat(resume.at("/sections/profiles/items/" + i + "/url/href").asText()).startsWith(cv);
            assertThat(resume.at("/sections/profiles/items/" + i + "/icon")).isEqualTo(original.at("/sections/profiles/items/" + i + "/icon"));
        }
        assertThat(resume.at("/sections/experience/items/0/url/href").asText()).startsWith(cv);
        assertThat(resume.at("/sections/experience/items/1/url/href").asText()).startsWith(cv);
        assertThat(resume.at("/sections/certifications/items/0/url/href").asText()).isEmpty();
        assertThat(answer.header("X-Tracer-Links-Rewritten")).isEqualTo("6");
        assertThat(tracker.http.get("/api/jobs/acme-sre/links", ADMIN_KEY).json().findValuesAsText("original_url"))
                .doesNotContain("https://i.imgur.com/HgwyOuJ.jpg");
    }

    @Test
    void the_json_resume_sample_gets_its_links_rewritten_and_nothing_else() throws Exception {
        tracker.enableTracerLinks("acme-sre");
        String document = resource("jsonresume-sample.resume.json");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, document);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode resume = answer.json();
        JsonNode original = new com.fasterxml.jackson.databind.ObjectMapper().readTree(document);
        String cv = edge.baseUrl() + "/cv/acme-corp-";
        for (String pointer : new String[] {"/basics/url", "/basics/profiles/1/url", "/work/0/url", "/volunteer/0/url", "/education/0/url",
            "/publications/0/url"}) {
            assertThat(resume.at(pointer).asText()).as(pointer).startsWith(cv);
        }
        // Not links a reader clicks, or not http(s): the schema, the canonical copy, an empty URL, a bare host name.
        for (String pointer : new String[] {"/$schema", "/meta/canonical", "/basics/profiles/0/url", "/projects/0/url", "/basics/image"}) {
            assertThat(resume.at(pointer)).as(pointer).isEqualTo(original.at(pointer));
        }
    }

    @Test
    void an_image_url_under_any_url_key_is_left_alone() {
        tracker.enableTracerLinks("acme-sre");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY,
                "{\"basics\":{\"url\":\"https://cdn.example.com/me.JPEG?v=2\"},\"work\":[{\"logo\":{\"url\":\"https://acme.example.com/brand\"}}]}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/basics/url").asText()).isEqualTo("https://cdn.example.com/me.JPEG?v=2");
        assertThat(answer.json().at("/work/0/logo/url").asText()).isEqualTo("https://acme.example.com/brand");
        assertThat(answer.header("X-Tracer-Links-Rewritten")).isEqualTo("0");
    }

    private static String resource(String name) throws java.io.IOException {
        try (var in = JsonResumeRewriteTest.class.getResourceAsStream("/resumes/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A review's 1 MB resume with 20,000 url fields took 99 s and issued 20,000 links in one commit. */
    @Test
    void a_json_resume_over_the_link_cap_is_refused_before_a_single_link_is_issued() {
        tracker.enableTracerLinks("acme-sre");
        StringBuilder farm = new StringBuilder("{\"projects\":[");
        for (int i = 0; i < 501; i++) {
            farm.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\",\"url\":\"https://example.com/").append(i).append("\"}");
        }
        farm.append("]}");
        HttpJson.Response answer = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, farm.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).contains("501 web links").contains("500");
        assertThat(tracker.http.get("/api/jobs/acme-sre/links", ADMIN_KEY).json()).isEmpty();
        // Images and mailto links do not count against the cap.
        String atCap = farm.toString().replace("\"url\":\"https://example.com/500\"", "\"url\":\"mailto:jane@example.com\"");
        HttpJson.Response accepted = tracker.http.send("POST", "/api/jobs/acme-sre/resume", ADMIN_KEY, atCap);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(tracker.http.get("/api/jobs/acme-sre/links", ADMIN_KEY).json()).hasSize(500);
    }
}
