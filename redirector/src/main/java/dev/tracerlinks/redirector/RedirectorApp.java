package dev.tracerlinks.redirector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ErrorBody;
import dev.tracerlinks.model.Json;
import io.javalin.Javalin;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
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

/**
 * Wires the redirector and declares its routes. The replica and outbox are opened here (from
 * {@code dataDir}); the background work (replica sync, click shipping, salt refresh) runs while the
 * server does. The app is returned unstarted.
 */
public final class RedirectorApp {
    private static final Logger LOG = LoggerFactory.getLogger(RedirectorApp.class);

    private RedirectorApp() {
    }

    public static Javalin create(RedirectorConfig config, Clock clock) {
        ObjectMapper mapper = Json.newMapper();
        TrackerClient tracker = new TrackerClient(config.trackerApiUrl(), config.trackerApiKey(), mapper);
        LinkReplica replica = new LinkReplica(config.dataDir(), mapper).open();
        ClickOutbox outbox = new ClickOutbox(config.dataDir(), config.outboxMaxBytes(), clock).open();
        LinkResolver resolver = new LinkResolver(replica, tracker, clock);
        ReplicaSync sync = new ReplicaSync(replica, resolver, tracker);
        ClickShipper shipper = new ClickShipper(outbox, tracker);
        VisitorSaltHolder salts = new VisitorSaltHolder(tracker, clock);
        RateLimiter rateLimiter = new RateLimiter(config.rateLimitPerSecond());
        RedirectHandler redirects = new RedirectHandler(resolver, outbox, salts, new ClickIds(clock),
                config.trustedProxies(), rateLimiter, clock);
        HealthHandler health = new HealthHandler(outbox, replica, salts);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "redirector-background");
            thread.setDaemon(true);
            return thread;
        });

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            // Redirect requests carry no body; anything large is abuse. Stalled connections are closed.
            cfg.http.maxRequestSize = 16 * 1024;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(10_000);
                // Jetty refuses what is over its limits before the request's headers are read, so it cannot answer
                // in JSON to a client that asks for it: its limits sit well above ours, and ours are checked in
                // RequestLimits, where the whole request is known. Odd characters in the path (a backslash, NUL) are
                // let through for the same reason: the routes refuse them, as tokens that cannot exist.
                http.setRequestHeaderSize(RequestLimits.SERVER_HEADER_BYTES);
                http.setUriCompliance(UriCompliance.UNSAFE);
                http.setSendServerVersion(false);
            });
            cfg.routes.before(RequestLimits::check);
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new HttpServerErrorPage(mapper, clock));
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        // The connectors exist by now and have not started: their HTTP/1.1 factory is swapped for one whose
                        // connections read unparseable requests to the end, so those get our page in JSON when asked.
                        for (Connector connector : server.getConnectors()) {
                            HttpConnectionFactory http = connector instanceof AbstractConnector plain
                                    ? plain.getConnectionFactory(HttpConnectionFactory.class) : null;
                            if (http != null && !(http instanceof ReadableRequests) && connector instanceof AbstractConnector plain) {
                                plain.removeConnectionFactory(http.getProtocol());
                                plain.addConnectionFactory(new ReadableRequests(http.getHttpConfiguration()));
                                plain.setDefaultProtocol(http.getProtocol());
                            }
                        }
                    }
                });
            });

            cfg.routes.get("/health", health::get);
            for (String prefix : new String[] {"/cv/", "/track/"}) {
                cfg.routes.get(prefix + "{token}", redirects::redirect);
                cfg.routes.head(prefix + "{token}", redirects::redirect);
            }
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> Pages.error(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "Not found" : "Request refused", switch (e.getStatus()) {
                        case 404 -> "There is nothing at this address.";
                        case 414 -> "The address is too long to be a tracer link.";
                        case 431 -> "The request's headers are too large.";
                        case 400 -> "The request could not be understood.";
                        default -> "The request could not be handled.";
                    }, null, clock.instant()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                String reference = UUID.randomUUID().toString();
                LOG.error("Unexpected error, reference {} ({} {})", reference, ctx.method(), ctx.path(), e);
                ctx.status(500).json(ErrorBody.of("Internal server error; the server log has the details under this reference.",
                        Map.of("reference", reference), clock.instant()));
            });

            cfg.events.serverStarted(() -> {
                shipper.start();
                background.scheduleWithFixedDelay(sync, 0, config.replicaSyncInterval().toMillis(), TimeUnit.MILLISECONDS);
                background.scheduleWithFixedDelay(salts::refresh, 0, 30, TimeUnit.SECONDS);
                background.scheduleWithFixedDelay(() -> rateLimiter.evictIdle(System.nanoTime()), 1, 1, TimeUnit.MINUTES);
            });
            cfg.events.serverStopped(() -> {
                background.shutdownNow();
                shipper.close();
                outbox.close();
                replica.close();
            });
        });
    }
}
