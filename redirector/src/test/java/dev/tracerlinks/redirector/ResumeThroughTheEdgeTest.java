package dev.tracerlinks.redirector;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.HttpJson;
import dev.tracerlinks.tracker.Poll;
import dev.tracerlinks.tracker.TrackerApiServer;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product path with the real redirector as the public base URL: readiness passes
 * against it, the job's tracer links go on, a resume PDF is rewritten, a recruiter follows a link
 * out of the rewritten PDF, and the click is counted as human while the readiness probe is not.
 */
class ResumeThroughTheEdgeTest {
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @TempDir
    Path directory;

    @Test
    void a_link_followed_out_of_a_rewritten_pdf_redirects_to_the_original_and_is_counted() throws Exception {
        int edgePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            edgePort = socket.getLocalPort();
        }
        try (TrackerApiServer tracker = TrackerApiServer.start(directory, "http://127.0.0.1:" + edgePort)) {
            Javalin redirector = RedirectorApp.create(RedirectorConfig.of(edgePort, URI.create(tracker.baseUrl()),
                    tracker.createKey("redirector"), directory.resolve("edge")), Clock.systemUTC()).start("127.0.0.1", edgePort);
            try {
                HttpJson.Response readiness = tracker.http.send("POST", "/api/readiness/verify", ADMIN_KEY, "");
                assertThat(readiness.json().get("status").asText()).as(readiness.body()).isEqualTo("ready");

                tracker.putJob("amazon-de", "Amazon DE");
                tracker.enableTracerLinks("amazon-de");
                byte[] original = Files.readAllBytes(Path.of("../corpus/pdf/react-pdf-letter.pdf"));
                HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<byte[]> rewritten = client.send(HttpRequest.newBuilder(URI.create(tracker.baseUrl() + "/api/jobs/amazon-de/pdf"))
                        .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(original)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(rewritten.statusCode()).isEqualTo(200);

                List<String> before = webLinks(original);
                List<String> after = webLinks(rewritten.body());
                assertThat(after).hasSameSizeAs(before).allMatch(uri -> uri.startsWith("http://127.0.0.1:" + edgePort + "/cv/amazon-de-"));

                HttpResponse<Void> click = client.send(HttpRequest.newBuilder(URI.create(after.get(0)))
                        .header("User-Agent", BROWSER).header("Accept", "text/html,application/xhtml+xml")
                        .header("Accept-Language", "de-DE,de;q=0.9").header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                assertThat(click.statusCode()).isEqualTo(302);
                assertThat(click.headers().firstValue("Location")).contains(before.get(0));

                Poll.until("the human click is counted", Duration.ofSeconds(15), () ->
                        tracker.http.get("/api/analytics/summary", ADMIN_KEY).json().get("human_clicks").asLong() == 1);
                // Two probes: the explicit verify, and the one enabling the job runs.
                Poll.until("the probes' clicks arrived, as bots", Duration.ofSeconds(15), () ->
                        tracker.http.get("/api/analytics/summary?include_bots=true", ADMIN_KEY).json().get("bot_clicks").asLong() == 2);
                assertThat(tracker.http.get("/api/analytics/summary", ADMIN_KEY).json().get("human_clicks").asLong()).isEqualTo(1);
            } finally {
                redirector.stop();
            }
        }
    }

    private static List<String> webLinks(byte[] pdf) throws Exception {
        List<String> uris = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri && uri.getURI().startsWith("http")) {
                        uris.add(uri.getURI());
                    }
                }
            }
        }
        return uris;
    }
}
