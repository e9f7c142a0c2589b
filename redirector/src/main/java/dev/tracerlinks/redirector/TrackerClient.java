package dev.tracerlinks.redirector;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ClickBatchResult;
import dev.tracerlinks.model.LinkChanges;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.model.VisitorSalt;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The redirector's calls to tracker-api, each with a short timeout: the edge never waits long. */
final class TrackerClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI baseUrl;
    private final String authorization;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    TrackerClient(URI baseUrl, String apiKey, ObjectMapper mapper) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
        this.mapper = mapper;
    }

    /**
     * The link, or empty when tracker-api says it does not exist; throws when tracker-api cannot answer.
     * A visitor is waiting on this one, so it gets a second at most.
     */
    Optional<LinkData> findLink(String token) {
        HttpResponse<byte[]> response = send(request("/api/links/" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(1)).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(response, new TypeReference<LinkData>() { }));
    }

    LinkChanges linkChanges(long afterSeq) {
        return parse(send(request("/api/links/changes?after=" + afterSeq).GET()), new TypeReference<LinkChanges>() { });
    }

    VisitorSalt todaysSalt() {
        return parse(send(request("/api/visitor-salt").GET()), new TypeReference<VisitorSalt>() { });
    }

    /** {@code clicksJsonArray}: click events as a JSON array, exactly as the outbox holds them. */
    ClickBatchResult sendClicks(byte[] clicksJsonArray) {
        HttpRequest.Builder post = request("/api/link-tracking/record-clicks")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(clicksJsonArray));
        HttpResponse<byte[]> response = send(post);
        int status = response.statusCode();
        if (status == 413) {
            throw new BatchTooLargeException();
        }
        if (status == 400 || status == 422) {
            throw new BatchRefusedException("tracker-api refused the batch with " + status + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return parse(response, new TypeReference<ClickBatchResult>() { });
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TrackerUnavailableException("tracker-api did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerUnavailableException("interrupted while calling tracker-api", e);
        }
    }

    private <T> T parse(HttpResponse<byte[]> response, TypeReference<T> type) {
        if (response.statusCode() / 100 != 2) {
            throw new TrackerUnavailableException("tracker-api answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.uri().getPath() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8), null);
        }
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new TrackerUnavailableException("tracker-api sent an unreadable answer", e);
        }
    }

    /** tracker-api takes smaller batches: send fewer clicks at a time. */
    static final class BatchTooLargeException extends RuntimeException {
        BatchTooLargeException() {
            super("tracker-api answered 413: batch too large");
        }
    }

    /** tracker-api says this batch itself is wrong: sending it again would fail again. */
    static final class BatchRefusedException extends RuntimeException {
        BatchRefusedException(String message) {
            super(message);
        }
    }

    /** tracker-api is down, slow, refuses our key or answers nonsense. */
    static final class TrackerUnavailableException extends RuntimeException {
        TrackerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
