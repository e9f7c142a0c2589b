package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration guide's JavaScript redirect handler is a real client of ours: run it, unchanged, with
 * Node against a real tracker-api and a {@code redirector} key. Needs {@code node} on the PATH (a
 * missing one fails the test rather than skipping it). Our copy of the guide is in the test resources.
 */
class GuideSampleHandlerTest {

    @TempDir
    Path directory;
    TrackerApiServer server;
    String key;
    Path handlerFile;
    Path harnessFile;

    @BeforeEach
    void start() throws IOException {
        assertThat(nodeAvailable()).as("this test runs the guide's sample with node: apt-get install nodejs (.ci/run does)").isTrue();
        server = TrackerApiServer.start(directory, "https://t.example.dev");
        key = server.createKey("redirector");
        server.putJob("j1", "Amazon");
        handlerFile = copyResource("link-redirect-handler.js");
        harnessFile = copyResource("harness.js");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void our_copy_of_the_sample_is_the_guides_code_unchanged() throws IOException {
        String guide = Files.readString(copyResource("external-domain-integration-guide.txt"));
        int start = guide.indexOf("```javascript\n") + "```javascript\n".length();
        assertThat(Files.readString(handlerFile)).isEqualTo(guide.substring(start, guide.indexOf("```", start)));
    }

    @Test
    void the_sample_handler_redirects_and_its_click_is_counted() throws Exception {
        String token = server.issueLink("j1", "p1", "https://linkedin.com/in/steve-glen").json().get("tracking_id").asText();
        JsonNode result = runHandler(token);
        assertThat(result.get("outcome").asText()).isEqualTo("redirect");
        assertThat(result.get("location").asText()).isEqualTo("https://linkedin.com/in/steve-glen");

        JsonNode statistics = server.analytics(token).json().get("click_statistics");
        assertThat(statistics.get("total_clicks").asLong()).isEqualTo(1);
        assertThat(statistics.get("unique_sessions").asLong()).isEqualTo(1);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("tracker.db")).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("203.0.113.9");
            }
        }
    }

    @Test
    void the_sample_handler_shows_its_error_page_for_deactivated_and_unknown_links() throws Exception {
        String token = server.issueLink("j1", "p1", "https://github.com/steve").json().get("tracking_id").asText();
        server.http.send("PATCH", "/api/links/" + token, ADMIN_KEY, "{\"is_active\":false}");
        assertThat(runHandler(token).get("message").asText()).isEqualTo("Link not found or expired");
        assertThat(runHandler("lt_abc123def456").get("message").asText()).isEqualTo("Link not found or expired");
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isZero();
    }

    private JsonNode runHandler(String trackingId) throws Exception {
        Process node = new ProcessBuilder("node", harnessFile.toString(), handlerFile.toString(), server.baseUrl(), key, trackingId)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] output = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        return Json.newMapper().readTree(output);
    }

    private Path copyResource(String name) throws IOException {
        Path target = directory.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/guide-sample/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
