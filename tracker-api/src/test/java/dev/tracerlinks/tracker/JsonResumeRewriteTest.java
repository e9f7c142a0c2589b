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
}
