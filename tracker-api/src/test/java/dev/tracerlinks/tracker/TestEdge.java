package dev.tracerlinks.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * A stand-in for the redirector on a second port, for this module's tests (the real redirector
 * lives in a module that depends on this one; its tests run readiness against the real thing).
 * It answers {@code /health} as a redirector and resolves {@code /cv/{token}} by asking the
 * tracker-api it is fed by. {@code healthy(false)} makes it answer like some other web server.
 */
public final class TestEdge implements AutoCloseable {
    private final Javalin app;
    private volatile TrackerApiServer tracker;
    private volatile boolean healthy = true;
    private volatile String redirectEverythingTo;

    private TestEdge() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", this::health);
            cfg.routes.get("/cv/{token}", this::redirect);
            cfg.routes.head("/cv/{token}", this::redirect);
        }).start("127.0.0.1", 0);
    }

    public static TestEdge start() {
        return new TestEdge();
    }

    /** The public base URL tracker-api should be configured with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public TestEdge feedFrom(TrackerApiServer tracker) {
        this.tracker = tracker;
        return this;
    }

    public TestEdge healthy(boolean healthy) {
        this.healthy = healthy;
        return this;
    }

    /** Makes /cv/ answer 302 to this URL for any token, like a redirector fed by some other tracker-api. */
    public TestEdge redirectEverythingTo(String destination) {
        this.redirectEverythingTo = destination;
        return this;
    }

    private void health(Context ctx) {
        if (healthy) {
            ctx.json(Map.of("status", "ok", "service", "redirector"));
        } else {
            ctx.html("<html><body>It works!</body></html>");
        }
    }

    private void redirect(Context ctx) {
        if (redirectEverythingTo != null) {
            ctx.status(302).header("Location", redirectEverythingTo);
            return;
        }
        HttpJson.Response link = tracker.http.get("/api/links/" + ctx.pathParam("token"), TrackerApiServer.ADMIN_KEY);
        JsonNode body = link.json();
        if (link.status() == 200 && body.get("is_active").asBoolean()) {
            ctx.status(302).header("Location", body.get("original_url").asText());
        } else {
            ctx.status(404);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
