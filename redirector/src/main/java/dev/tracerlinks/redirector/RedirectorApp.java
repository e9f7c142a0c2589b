package dev.tracerlinks.redirector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ErrorBody;
import dev.tracerlinks.model.Json;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the redirector and declares its routes. The app is returned unstarted; its workers run while it does. */
public final class RedirectorApp {
    private static final Logger LOG = LoggerFactory.getLogger(RedirectorApp.class);
    private static final int CLICK_QUEUE_CAPACITY = 100_000;

    private RedirectorApp() {
    }

    public static Javalin create(RedirectorConfig config, Clock clock) {
        ObjectMapper mapper = Json.newMapper();
        TrackerClient tracker = new TrackerClient(config.trackerApiUrl(), config.trackerApiKey(), mapper);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "redirector-background");
            thread.setDaemon(true);
            return thread;
        });
        LinkResolver resolver = new LinkResolver(tracker, clock, config.linkCacheTtl(), background);
        ClickShipper shipper = new ClickShipper(tracker, CLICK_QUEUE_CAPACITY);
        VisitorSaltHolder salts = new VisitorSaltHolder(tracker, clock);
        RedirectHandler redirects = new RedirectHandler(resolver, shipper, salts, new ClickIds(clock), clock);
        HealthHandler health = new HealthHandler(shipper);

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            // Redirect requests carry no body; anything large is abuse.
            cfg.http.maxRequestSize = 16 * 1024;

            cfg.routes.get("/health", health::get);
            for (String prefix : new String[] {"/cv/", "/track/"}) {
                cfg.routes.get(prefix + "{token}", redirects::redirect);
                cfg.routes.head(prefix + "{token}", redirects::redirect);
            }
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> Pages.error(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "Not found" : "Request refused",
                    e.getStatus() == 404 ? "There is nothing at this address." : "The request could not be handled.",
                    null, clock.instant()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                String reference = UUID.randomUUID().toString();
                LOG.error("Unexpected error, reference {} ({} {})", reference, ctx.method(), ctx.path(), e);
                ctx.status(500).json(ErrorBody.of("Internal server error; the server log has the details under this reference.",
                        Map.of("reference", reference), clock.instant()));
            });

            cfg.events.serverStarted(() -> {
                shipper.start();
                background.scheduleWithFixedDelay(salts::refresh, 0, 30, TimeUnit.SECONDS);
            });
            cfg.events.serverStopped(() -> {
                shipper.close();
                background.shutdownNow();
            });
        });
    }
}
