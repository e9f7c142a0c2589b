package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/jobs/{job_id}/pdf} over HTTP: the toggle, the report, token reuse, and every kind of bad document. */
class PdfRewriteApiTest {
    static final Path CORPUS = Path.of("../corpus/pdf");
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path directory;
    TestEdge edge;
    TrackerApiServer tracker;

    record Answer(int status, HttpResponse<byte[]> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() throws IOException {
            return Json.newMapper().readTree(response.body());
        }
    }

    @BeforeEach
    void start() {
        edge = TestEdge.start();
        tracker = TrackerApiServer.start(directory, edge.baseUrl());
        edge.feedFrom(tracker);
        tracker.putJob("amazon-sde", "Amazon");
    }

    @AfterEach
    void stop() {
        tracker.close();
        edge.close();
    }

    @Test
    void with_tracer_links_off_the_pdf_comes_back_byte_identical_and_a_header_says_why() throws Exception {
        byte[] original = corpus("chromium-reactive-a4.pdf");
        Answer answer = post("/api/jobs/amazon-sde/pdf", original, "application/pdf");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().body()).isEqualTo(original);
        assertThat(answer.header("X-Tracer-Links-Status")).isEqualTo("unchanged");
        assertThat(answer.header("X-Tracer-Links-Reason")).contains("Tracer links are off for job amazon-sde");
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).isEmpty();
    }

    @Test
    void with_tracer_links_on_every_web_link_points_at_a_tracer_link_of_the_job_and_a_second_upload_reuses_the_tokens() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] original = corpus("chromium-reactive-a4.pdf");
        Answer first = post("/api/jobs/amazon-sde/pdf", original, "application/pdf");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(first.header("X-Tracer-Links-Status")).isEqualTo("rewritten");
        assertThat(first.header("X-Tracer-Links-Rewritten")).isEqualTo("6");
        assertThat(first.header("X-Tracer-Links-Skipped")).isEqualTo("1");
        assertThat(first.header("X-Tracer-Visible-Text-Replaced")).isEqualTo("3");
        assertThat(uris(first.response().body())).hasSize(7).filteredOn(uri -> uri.startsWith("http"))
                .allMatch(uri -> uri.startsWith(edge.baseUrl() + "/cv/amazon-"));
        JsonNode links = tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json();
        assertThat(links).hasSize(5);
        assertThat(links.get(0).get("source_path").asText()).startsWith("pdf:https://");

        Answer second = post("/api/jobs/amazon-sde/pdf", original, "application/pdf");
        assertThat(uris(second.response().body())).isEqualTo(uris(first.response().body()));
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).hasSize(5);
    }

    @Test
    void format_json_answers_the_rewrite_report() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        Answer answer = post("/api/jobs/amazon-sde/pdf?format=json", corpus("wkhtmltopdf-a4.pdf"), "application/pdf");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("status").asText()).isEqualTo("rewritten");
        assertThat(report.get("links_found").asInt()).isEqualTo(8);
        assertThat(report.get("links_rewritten").asInt()).isEqualTo(6);
        assertThat(report.get("links_skipped").asInt()).isEqualTo(2);
        JsonNode file = null;
        JsonNode github = null;
        for (JsonNode link : report.get("links")) {
            if (link.get("target").asText().startsWith("file:")) {
                file = link;
            }
            if (link.get("target").asText().equals("https://github.com/mayacohen-dev") && link.get("visible_text_rewritten").asBoolean()) {
                github = link;
            }
        }
        assertThat(file.get("action").asText()).isEqualTo("skipped");
        assertThat(file.get("reason").asText()).contains("not an http(s) link");
        assertThat(github.get("visible_text").asText()).isEqualTo("github.com/mayacohen-dev");
        assertThat(github.get("redirect_url").asText()).startsWith(edge.baseUrl() + "/cv/amazon-");
    }

    @Test
    void an_owner_password_pdf_is_rewritten_and_stays_encrypted() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        Answer answer = post("/api/jobs/amazon-sde/pdf", corpus("libreoffice-docx-letter.encrypted.pdf"), "application/pdf");
        assertThat(answer.status()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(answer.response().body())) {
            assertThat(document.isEncrypted()).isTrue();
        }
        assertThat(uris(answer.response().body())).filteredOn(uri -> uri.startsWith("http")).hasSize(6)
                .allMatch(uri -> uri.startsWith(edge.baseUrl()));
    }

    @Test
    void bad_documents_get_a_clear_4xx_and_the_service_keeps_answering() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] good = corpus("reportlab-a4.pdf");

        assertRefused(post("/api/jobs/amazon-sde/pdf", "hello, not a pdf".getBytes(StandardCharsets.UTF_8), "application/pdf"), 415, "not a PDF");
        assertRefused(post("/api/jobs/amazon-sde/pdf", Arrays.copyOf(good, good.length / 2), "application/pdf"), 422, "truncated");
        assertRefused(post("/api/jobs/amazon-sde/pdf", new byte[0], "application/pdf"), 400, "empty");
        assertRefused(post("/api/jobs/amazon-sde/pdf", userPasswordPdf(good), "application/pdf"), 422, "password to open");
        assertRefused(post("/api/jobs/amazon-sde/pdf", pages(101), "application/pdf"), 422, "101 pages; the limit is 100");
        byte[] huge = new byte[21 << 20];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 9);
        assertRefused(post("/api/jobs/amazon-sde/pdf", huge, "application/pdf"), 413, "limit");
        assertRefused(post("/api/jobs/nobody/pdf", good, "application/pdf"), 404, "does not exist");
        assertRefused(post("/api/jobs/amazon-sde/pdf?format=xml", good, "application/pdf"), 400, "format must be");

        assertThat(tracker.http.get("/health", null).status()).isEqualTo(200);
        assertThat(post("/api/jobs/amazon-sde/pdf", good, "application/pdf").status()).isEqualTo(200);
    }

    @Test
    void hostile_pdfs_are_refused_within_bounds() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        // 512 MiB of drawing instructions that compress to half a megabyte.
        Answer bomb = post("/api/jobs/amazon-sde/pdf", compressionBomb(512), "application/pdf");
        assertRefused(bomb, 422, "over 32 MiB");
        // An annotation array nested a hundred thousand levels deep.
        Answer nested = post("/api/jobs/amazon-sde/pdf", deeplyNested(100_000), "application/pdf");
        assertThat(nested.status()).isBetween(200, 499);
        assertThat(tracker.http.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void a_pdf_with_tens_of_thousands_of_links_is_refused_before_any_link_is_issued() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        long started = System.nanoTime();
        assertRefused(post("/api/jobs/amazon-sde/pdf", linkFarm(50_000), "application/pdf"), 422, "over 500 web links");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).isEmpty();
        // At the cap, a document is still a document.
        Answer atCap = post("/api/jobs/amazon-sde/pdf?format=json", linkFarm(500), "application/pdf");
        assertThat(atCap.status()).isEqualTo(200);
        assertThat(atCap.json().get("links_rewritten").asInt()).isEqualTo(500);
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).hasSize(500);
    }

    @Test
    void a_damaged_pdf_that_only_opens_after_repair_is_a_422_and_leaves_no_links_behind() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] real = corpus("chromium-reactive-a4.pdf");
        // The first half of a real file, with a forged cross-reference pointer and end marker.
        byte[] damaged = (new String(Arrays.copyOf(real, real.length / 2), StandardCharsets.ISO_8859_1)
                + "\nstartxref\n" + real.length / 4 + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(post("/api/jobs/amazon-sde/pdf", damaged, "application/pdf"), 422, "damaged");
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).isEmpty();
    }

    @Test
    void a_multipart_form_upload_is_read_as_the_pdf_it_carries_never_as_its_envelope() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] pdf = corpus("react-pdf-letter.pdf");
        Answer raw = post("/api/jobs/amazon-sde/pdf", pdf, "application/pdf");
        Answer form = post("/api/jobs/amazon-sde/pdf", multipart(new Part("file", "resume.pdf", "application/pdf", pdf)),
                "multipart/form-data; boundary=" + BOUNDARY);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(new String(form.response().body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        // Same document, same tokens: the form's answer is the raw upload's answer (but for the save's random /ID).
        assertThat(uris(form.response().body())).isEqualTo(uris(raw.response().body())).isNotEmpty();
        assertThat(form.response().body().length).isEqualTo(raw.response().body().length);
        assertThat(form.header("X-Tracer-Links-Rewritten")).isEqualTo(raw.header("X-Tracer-Links-Rewritten"));

        assertRefused(post("/api/jobs/amazon-sde/pdf", multipart(new Part("a", "a.pdf", "application/pdf", pdf),
                new Part("b", "b.pdf", "application/pdf", pdf)), "multipart/form-data; boundary=" + BOUNDARY), 400, "holds 2 files");
        assertRefused(post("/api/jobs/amazon-sde/pdf", multipart(), "multipart/form-data; boundary=" + BOUNDARY), 400, "holds 0 files");
        assertRefused(post("/api/jobs/amazon-sde/pdf", multipart(new Part("file", "resume.pdf", "application/pdf", pdf)),
                "multipart/mixed; boundary=" + BOUNDARY), 415, "multipart/form-data");
        assertRefused(post("/api/jobs/amazon-sde/pdf", multipart(new Part("file", "resume.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))),
                "multipart/form-data; boundary=" + BOUNDARY), 415, "not a PDF");
    }

    /** Each answered 500 with a stack trace in the log once (Jetty's multipart parser throws a checked exception). */
    @Test
    void a_malformed_multipart_form_is_a_400_and_an_oversized_streamed_part_a_413() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] pdf = corpus("react-pdf-letter.pdf");
        assertRefused(post("/api/jobs/amazon-sde/pdf", new byte[0], "multipart/form-data; boundary=XYZ"), 400, "multipart form");
        assertRefused(post("/api/jobs/amazon-sde/pdf", multipart(new Part("file", "resume.pdf", "application/pdf", pdf)),
                "multipart/form-data; boundary=not-the-one-used"), 400, "multipart form");
        assertRefused(post("/api/jobs/amazon-sde/pdf", multipart(new Part("file", "resume.pdf", "application/pdf", pdf)),
                "multipart/form-data"), 400, "multipart form");
        // The whole form sent, then the answer read a moment later: it is there (the body left unread made the
        // server's close a reset that threw the answer away before the client read it; CI saw "no bytes").
        byte[] form = multipart(new Part("file", "resume.pdf", "application/pdf", java.util.Arrays.copyOf(pdf, 2 << 20)));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(tracker.baseUrl()).getPort())) {
            socket.getOutputStream().write(("POST /api/jobs/amazon-sde/pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + ADMIN_KEY + "\r\nContent-Type: multipart/form-data\r\nContent-Length: " + form.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(form);
            socket.getOutputStream().flush();
            Thread.sleep(300);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("names no boundary");
        }
        // Over the limit, streamed (no Content-Length): only the parser sees the size.
        byte[] big = multipart(new Part("file", "big.pdf", "application/pdf", new byte[25 << 20]));
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(tracker.baseUrl() + "/api/jobs/amazon-sde/pdf"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        try {
            HttpResponse<byte[]> answer = CLIENT.send(chunked, HttpResponse.BodyHandlers.ofByteArray());
            assertRefused(new Answer(answer.statusCode(), answer), 413, "limit");
        } catch (java.io.IOException reset) {
            // The server stops reading a streamed body at the limit, answers and closes; a client still sending the
            // other 5 MiB may have the answer thrown away by the reset (Java's client does at times; curl reads it).
            assertThat(reset).hasMessageContaining("header parser received no bytes");
        }
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).isEmpty();
    }

    @Test
    void a_database_busy_past_the_timeout_during_a_rewrite_is_a_503_with_retry_after() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        try (java.sql.Connection lock = tracker.connect()) {
            lock.setAutoCommit(false);
            if (PostgresCluster.SELECTED) {
                // What another instance's link write holds while it commits (WriteOrder.links); waited for past lock_timeout.
                lock.createStatement().execute("SELECT pg_advisory_xact_lock(7263540118)");
            } else {
                lock.createStatement().execute("INSERT INTO jobs (job_id, company, tracer_links_enabled, created_at, updated_at)"
                        + " VALUES ('lock-holder', 'x', 0, 0, 0)");
            }
            Answer answer = post("/api/jobs/amazon-sde/pdf", corpus("reportlab-a4.pdf"), "application/pdf");
            assertRefused(answer, 503, "busy");
            assertThat(answer.header("Retry-After")).isNotNull();
            lock.rollback();
        }
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json()).isEmpty();
        assertThat(post("/api/jobs/amazon-sde/pdf", corpus("reportlab-a4.pdf"), "application/pdf").status()).isEqualTo(200);
    }

    @Test
    void a_client_that_hangs_up_frees_its_rewrite_slot_at_once() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] slow = slowPdf(100, 1_500_000);
        // Two uploads take both rewrite slots; each would run for its whole 30 s budget, and their clients leave.
        for (int i = 0; i < 2; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", tracker.port())) {
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST /api/jobs/amazon-sde/pdf HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                        + "\r\nContent-Type: application/pdf\r\nContent-Length: " + slow.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(slow);
                out.flush();
                Thread.sleep(1500);
            }
        }
        // A third upload gets a slot within seconds, not after the others' budgets run out.
        long started = System.nanoTime();
        Answer third = post("/api/jobs/amazon-sde/pdf", corpus("reportlab-a4.pdf"), "application/pdf");
        assertThat(third.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
        // The abandoned documents left no links.
        assertThat(tracker.http.get("/api/jobs/amazon-sde/links", ADMIN_KEY).json().findValuesAsText("original_url"))
                .doesNotContain("https://example.com/slow");
    }

    /** {@code pages} pages that share one content stream of {@code glyphs} glyphs, each with a web link. */
    private static byte[] slowPdf(int pages, int glyphs) throws IOException {
        try (PDDocument document = new PDDocument()) {
            org.apache.pdfbox.pdmodel.common.PDStream content = new org.apache.pdfbox.pdmodel.common.PDStream(document);
            try (java.io.OutputStream out = content.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE)) {
                out.write("BT /F1 1 Tf 10 700 Td (".getBytes(StandardCharsets.US_ASCII));
                byte[] line = "a".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < glyphs / line.length; i++) {
                    out.write(line);
                }
                out.write(") Tj ET".getBytes(StandardCharsets.US_ASCII));
            }
            org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
            resources.put(org.apache.pdfbox.cos.COSName.getPDFName("F1"),
                    new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA));
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                page.setContents(content);
                page.setResources(resources);
                PDAnnotationLink link = new PDAnnotationLink();
                link.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(10, 695, 100, 12));
                PDActionURI action = new PDActionURI();
                action.setURI("https://example.com/slow");
                link.setAction(action);
                page.setAnnotations(java.util.List.of(link));
                document.addPage(page);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void visible_text_decides_what_happens_to_printed_urls() throws Exception {
        tracker.enableTracerLinks("amazon-sde");
        byte[] pdf = corpus("react-pdf-letter.pdf");
        JsonNode auto = post("/api/jobs/amazon-sde/pdf?format=json", pdf, "application/pdf").json();
        JsonNode keep = post("/api/jobs/amazon-sde/pdf?format=json&visible_text=keep", pdf, "application/pdf").json();
        JsonNode replace = post("/api/jobs/amazon-sde/pdf?format=json&visible_text=replace", pdf, "application/pdf").json();
        assertThat(auto.get("visible_text").asText()).isEqualTo("auto");
        assertThat(keep.get("visible_text").asText()).isEqualTo("keep");
        assertThat(auto.get("visible_texts_replaced").asInt()).isPositive();
        assertThat(keep.get("visible_texts_replaced").asInt()).isZero();
        assertThat(keep.get("visible_texts_kept").asInt()).isEqualTo(auto.get("visible_texts_replaced").asInt() + auto.get("visible_texts_kept").asInt());
        assertThat(keep.get("links_rewritten").asInt()).as("links are rewritten whatever is printed").isEqualTo(auto.get("links_rewritten").asInt());
        assertThat(keep.findValuesAsText("reason")).contains("visible_text: kept, as asked (visible_text=keep)");
        assertThat(replace.get("visible_texts_replaced").asInt()).isGreaterThanOrEqualTo(auto.get("visible_texts_replaced").asInt());
        Answer kept = post("/api/jobs/amazon-sde/pdf?visible_text=keep", pdf, "application/pdf");
        assertThat(kept.header("X-Tracer-Visible-Text")).isEqualTo("keep");
        try (PDDocument document = Loader.loadPDF(kept.response().body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).doesNotContain("/cv/");
        }
        assertRefused(post("/api/jobs/amazon-sde/pdf?visible_text=always", pdf, "application/pdf"), 400, "visible_text must be auto");
        HttpJson.Response json = tracker.http.send("POST", "/api/jobs/amazon-sde/resume?visible_text=KEEP", ADMIN_KEY, "{}");
        assertThat(json.status()).isEqualTo(400);
    }

    @Test
    void a_printed_base_makes_printed_tracer_urls_short(@TempDir Path other) throws Exception {
        try (TrackerApiServer printed = TrackerApiServer.start(other, edge.baseUrl(), 0, java.util.Map.of("TRACER_PRINTED_BASE", "go.example.dev/"))) {
            edge.feedFrom(printed);
            printed.putJob("amazon-sde", "Amazon");
            printed.enableTracerLinks("amazon-sde");
            HttpRequest request = HttpRequest.newBuilder(URI.create(printed.baseUrl() + "/api/jobs/amazon-sde/pdf")).header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(corpus("react-pdf-letter.pdf"))).build();
            byte[] rewritten = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
            String text;
            try (PDDocument document = Loader.loadPDF(rewritten)) {
                text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            }
            assertThat(text).contains("go.example.dev/cv/amazon-").doesNotContain(edge.baseUrl().replaceFirst("^https?://", ""));
            // Link targets stay the real redirect URLs.
            assertThat(uris(rewritten)).allMatch(uri -> uri.startsWith(edge.baseUrl() + "/cv/") || uri.startsWith("mailto:"));
            JsonNode resume = printed.http.send("POST", "/api/jobs/amazon-sde/resume", ADMIN_KEY,
                    "{\"projects\":[{\"url\":\"https://github.com/jane/raft\",\"label\":\"github.com/jane/raft\"}]}").json();
            assertThat(resume.at("/projects/0/label").asText()).startsWith("go.example.dev/cv/amazon-");
            assertThat(resume.at("/projects/0/url").asText()).startsWith(edge.baseUrl() + "/cv/amazon-");
        }
        for (String bad : new String[] {"https://go.example.dev", "go example", "?x"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrackerConfig.fromEnv(java.util.Map.of("TRACER_PRINTED_BASE", bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRACER_PRINTED_BASE");
        }
    }

    private static final String BOUNDARY = "----tracer-links-test-boundary";

    record Part(String name, String filename, String contentType, byte[] content) {
    }

    private static byte[] multipart(Part... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\"; filename=\""
                    + part.filename() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** One page with {@code links} link annotations, each to its own URL. */
    private static byte[] linkFarm(int links) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            java.util.List<PDAnnotation> annotations = new java.util.ArrayList<>(links);
            for (int i = 0; i < links; i++) {
                PDAnnotationLink link = new PDAnnotationLink();
                link.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(i % 600, i % 780, 1, 1));
                PDActionURI action = new PDActionURI();
                action.setURI("https://example.com/page/" + i);
                link.setAction(action);
                annotations.add(link);
            }
            page.setAnnotations(annotations);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static void assertRefused(Answer answer, int status, String sentence) throws IOException {
        assertThat(answer.status()).as(new String(answer.response().body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).contains(sentence);
    }

    private Answer post(String path, byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tracker.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response);
    }

    static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(CORPUS.resolve(name));
    }

    /** Every URI link target of a PDF, in page and annotation order. */
    static java.util.List<String> uris(byte[] pdf) throws IOException {
        java.util.List<String> uris = new java.util.ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                        uris.add(uri.getURI());
                    }
                }
            }
        }
        return uris;
    }

    private static byte[] userPasswordPdf(byte[] plain) throws IOException {
        try (PDDocument document = Loader.loadPDF(plain)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] pages(int count) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < count; i++) {
                document.addPage(new PDPage());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A one-page PDF whose content stream inflates to {@code mebibytes} MiB. */
    private static byte[] compressionBomb(int mebibytes) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) ' ');
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < mebibytes; i++) {
            deflater.setInput(chunk);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        byte[] stream = compressed.toByteArray();
        String annotation = "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (https://example.com/x) >> >>";
        return pdf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Annots [" + annotation + "] >>",
                "<< /Length " + stream.length + " /Filter /FlateDecode >>", stream);
    }

    /** A one-page PDF whose page dictionary holds an array nested {@code depth} levels deep. */
    private static byte[] deeplyNested(int depth) throws IOException {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        return pdf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Annots " + nested + " >>",
                "<< /Length 0 >>", new byte[0]);
    }

    /** Catalog, pages, the given page and its content stream, with a correct cross-reference table. */
    private static byte[] pdf(String page, String streamDictionary, byte[] stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[5];
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        String[] objects = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page};
        for (int i = 0; i < 3; i++) {
            offsets[i + 1] = out.size();
            out.writeBytes(((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n").getBytes(StandardCharsets.US_ASCII));
        }
        offsets[4] = out.size();
        out.writeBytes(("4 0 obj\n" + streamDictionary + "\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(stream);
        out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        long xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        for (int i = 1; i <= 4; i++) {
            table.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        table.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(table.toString().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
