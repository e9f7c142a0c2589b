package dev.tracerlinks.tracker.readiness;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One outbound request that never follows redirects: readiness wants to see the 302 itself. */
@FunctionalInterface
public interface HttpProbe {
    /** What came back: status, Location header (or null), and at most the first 64 KiB of the body. */
    record Answer(int status, String location, String body) {
    }

    Answer fetch(String method, URI uri) throws IOException;

    String USER_AGENT = "TracerLinks-Readiness/1.0";

    /** The JDK client with short timeouts; the user agent marks probe clicks as ours (and as bot traffic). */
    static HttpProbe jdk(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        return (method, uri) -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                            new String(body.readNBytes(64 << 10), StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }
}
