package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the HTTP server used to refuse itself, with Jetty's HTML page that showed the request back
 * (a backslash in the path, a URI or headers over the limits), now reach the redirector's own checks
 * and get its page: no echo, the security headers of every answer, JSON when the client asks for it.
 * A target Jetty cannot parse (a NUL or a broken percent escape in the path) is read to the end all
 * the same ({@link ReadableRequests}), so it too gets JSON on request. What the HTTP server cannot
 * read at all (a bad request line or Host, a request over its own 64 KiB) gets that page too, in
 * HTML, since the client's Accept header was never read.
 */
class HttpServerErrorPagesTest {
    @TempDir
    Path directory;
    Javalin redirector;

    @BeforeEach
    void start() {
        // No tracker-api behind it: these requests never get that far.
        redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create("http://127.0.0.1:9"), "key", directory.resolve("edge")),
                Clock.systemUTC()).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        redirector.stop();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "backslash in the path | /cv/abc\\\\def%3Cb%3E  | 0    | 404",
        "a URI over the limit  | /cv/LONG_PATH         | 0    | 414",
        "headers over the limit| /cv/abc%3Cb%3E        | 9000 | 431",
        "NUL in the path       | /cv/abc%00def%3Cb%3E  | 0    | 400",
        "a broken escape       | /cv/abc%zzdef%3Cb%3E  | 0    | 400",
    })
    void refused_requests_get_our_page_without_echo(String what, String path, int headerBytes, int status) throws IOException {
        String target = path.replace("\\\\", "\\").replace("LONG_PATH", "%3Cb%3E" + "a".repeat(20_000));
        for (boolean json : new boolean[] {false, true}) {
            String answer = send(target, "t.example.dev", headerBytes, json);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase();
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(answer).as(what).startsWith("HTTP/1.1 " + status);
            assertThat(answer).as(what).doesNotContain("<b>").doesNotContain("%3Cb").doesNotContain("aaaaaaaaaa");
            assertThat(head).contains("cache-control: no-store").contains("referrer-policy: no-referrer")
                    .contains("x-robots-tag: noindex, nofollow").contains("x-content-type-options: nosniff");
            if (json) {
                assertThat(head).contains("content-type: application/json");
                assertThat(body).contains("\"error\":").contains("\"timestamp\":");
            } else {
                assertThat(head).contains("content-type: text/html");
                assertThat(body).contains("<!doctype html>").contains("<meta name=\"robots\" content=\"noindex, nofollow\">");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a Host header that is not a host | /cv/abc    | evil.example<script>alert(1)</script>",
        "a request line that is not HTTP  | /cv/a b c  | t.example.dev",
        "over the server's own limit      | /cv/HUGE   | t.example.dev",
    })
    void requests_the_http_server_cannot_read_get_our_page_too(String what, String path, String host) throws IOException {
        String answer = send(path.replace("HUGE", "a".repeat(70_000)), host, 0, true);
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase();
        assertThat(answer).as(what).startsWith("HTTP/1.1 4").doesNotContain("<script>").doesNotContain("evil.example")
                .doesNotContain("aaaaaaaaaa").doesNotContain("%3Cb").contains("<!doctype html>");
        // Its headers are unread, so it cannot know the client asked for JSON: the page is HTML, with the usual headers.
        assertThat(head).contains("cache-control: no-store").contains("referrer-policy: no-referrer")
                .contains("x-robots-tag: noindex, nofollow").contains("x-content-type-options: nosniff");
    }

    private String send(String target, String host, int headerBytes, boolean json) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redirector.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
            if (json) {
                request.append("Accept: application/json\r\n");
            }
            if (headerBytes > 0) {
                request.append("X-Padding: ").append("p".repeat(headerBytes)).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (IOException e) {
                // The server may reset the connection after answering a request it refused.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
