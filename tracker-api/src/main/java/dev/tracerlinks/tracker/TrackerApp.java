package dev.tracerlinks.tracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.Json;
import dev.tracerlinks.tracker.analytics.AnalyticsHandler;
import dev.tracerlinks.tracker.analytics.LinkAnalyticsHandler;
import dev.tracerlinks.tracker.analytics.LinkStatistics;
import dev.tracerlinks.tracker.classification.BotClassifier;
import dev.tracerlinks.tracker.classification.BurstDetector;
import dev.tracerlinks.tracker.classification.ReclassifyHandler;
import dev.tracerlinks.tracker.classification.Reclassifier;
import dev.tracerlinks.tracker.classification.UserAgentRules;
import dev.tracerlinks.tracker.clicks.ClickHandler;
import dev.tracerlinks.tracker.clicks.ClickIngestor;
import dev.tracerlinks.tracker.clicks.ClickStore;
import dev.tracerlinks.tracker.clicks.RunningSums;
import dev.tracerlinks.tracker.clicks.RunningSumsWorker;
import dev.tracerlinks.tracker.clicks.VisitorSalts;
import dev.tracerlinks.tracker.conversions.ConversionHandler;
import dev.tracerlinks.tracker.conversions.Conversions;
import dev.tracerlinks.tracker.db.Database;
import dev.tracerlinks.tracker.http.ErrorMapping;
import dev.tracerlinks.tracker.http.JettyErrorHandler;
import dev.tracerlinks.tracker.http.RequestBodies;
import dev.tracerlinks.tracker.jobs.JobHandler;
import dev.tracerlinks.tracker.jobs.Jobs;
import dev.tracerlinks.tracker.keys.ApiKeyHandler;
import dev.tracerlinks.tracker.keys.ApiKeys;
import dev.tracerlinks.tracker.keys.Authenticator;
import dev.tracerlinks.tracker.keys.ExplicitScope;
import dev.tracerlinks.tracker.http.QueryParams;
import dev.tracerlinks.tracker.keys.Scope;
import dev.tracerlinks.tracker.links.LinkHandler;
import dev.tracerlinks.tracker.links.Links;
import dev.tracerlinks.tracker.pdf.PdfRewriter;
import dev.tracerlinks.tracker.readiness.HostResolver;
import dev.tracerlinks.tracker.readiness.HttpProbe;
import dev.tracerlinks.tracker.readiness.ProbeLinks;
import dev.tracerlinks.tracker.readiness.ReadinessChecks;
import dev.tracerlinks.tracker.readiness.ReadinessHandler;
import dev.tracerlinks.tracker.resume.ResumeHandler;
import dev.tracerlinks.tracker.resume.ResumeRewrites;
import dev.tracerlinks.tracker.sources.SourceHandler;
import dev.tracerlinks.tracker.sources.Sources;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Wires tracker-api's parts and declares its routes. The app is returned unstarted. */
public final class TrackerApp {
    private TrackerApp() {
    }

    public static Javalin create(TrackerConfig config, Database database, Clock clock) {
        ObjectMapper mapper = Json.newMapper();
        Jdbi jdbi = database.jdbi();
        RequestBodies bodies = new RequestBodies(mapper);
        ApiKeys keys = new ApiKeys(jdbi, clock, config.adminKey());
        Links links = new Links(jdbi, clock, config);
        VisitorSalts salts = new VisitorSalts(clock);

        Authenticator authenticator = new Authenticator(keys);
        HealthHandler health = new HealthHandler(database);
        ApiKeyHandler keyHandler = new ApiKeyHandler(keys, bodies);
        ReadinessChecks readiness = new ReadinessChecks(config.publicBaseUrl(), config.allowPrivateBaseUrl(), HostResolver.system(),
                HttpProbe.jdk(Duration.ofSeconds(5)), new ProbeLinks(jdbi, links, clock), mapper, clock);
        Jobs jobService = new Jobs(jdbi, clock, readiness::verify);
        JobHandler jobs = new JobHandler(jobService, bodies);
        SourceHandler sources = new SourceHandler(new Sources(jdbi, clock), bodies);
        ConversionHandler conversions = new ConversionHandler(new Conversions(jdbi, clock), bodies);
        ReadinessHandler readinessHandler = new ReadinessHandler(readiness);
        ResumeHandler resumes = new ResumeHandler(new ResumeRewrites(jobService, links, new PdfRewriter(PdfRewriter.Limits.defaults()), config::printedUrlFor), bodies);
        LinkHandler linkHandler = new LinkHandler(links, bodies);
        BotClassifier classifier = new BotClassifier(UserAgentRules.load(mapper));
        RunningSums runningSums = new RunningSums(database.engine());
        RunningSumsWorker runningSumsWorker = new RunningSumsWorker(jdbi, runningSums);
        ClickStore clickStore = new ClickStore(database.engine(), new BurstDetector(), runningSums, runningSumsWorker::wake);
        ClickHandler clicks = new ClickHandler(new ClickIngestor(jdbi, clock, salts, mapper, classifier, clickStore), salts, bodies, mapper);
        ReclassifyHandler reclassify = new ReclassifyHandler(new Reclassifier(jdbi, classifier, clickStore, runningSumsWorker, mapper));
        AnalyticsHandler analytics = new AnalyticsHandler(jdbi, database.engine(), runningSumsWorker, clock);
        LinkAnalyticsHandler linkAnalytics = new LinkAnalyticsHandler(links, new LinkStatistics(jdbi, clock));

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.events.serverStarted(runningSumsWorker::start);
            cfg.events.serverStopped(runningSumsWorker::close);
            // A redirector batch (up to 1000 clicks read from at most 1 MiB of outbox) must always fit.
            cfg.http.maxRequestSize = 4L << 20;
            // A resume sent as a form (curl -F file=@resume.pdf) is read in memory: it never touches a temporary file.
            cfg.jetty.multipartConfig.maxFileSize(PdfRewriter.Limits.defaults().maxBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(PdfRewriter.Limits.defaults().maxBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(PdfRewriter.Limits.defaults().maxBytes() + (64L << 10), SizeUnit.BYTES);
            new ErrorMapping(clock).install(cfg);
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorHandler(mapper, clock)));
            cfg.routes.beforeMatched(authenticator::check);
            cfg.routes.beforeMatched(QueryParams::checkAll);

            cfg.routes.get("/health", health::get);

            cfg.routes.post("/api/keys", keyHandler::create, Scope.ADMIN);
            cfg.routes.get("/api/keys", keyHandler::list, Scope.ADMIN);
            cfg.routes.delete("/api/keys/{id}", keyHandler::delete, Scope.ADMIN);

            cfg.routes.put("/api/jobs/{job_id}", jobs::put, Scope.ADMIN);
            cfg.routes.get("/api/jobs/{job_id}", jobs::get, Scope.ADMIN, Scope.ANALYTICS_READ);
            cfg.routes.patch("/api/jobs/{job_id}", jobs::patch, Scope.ADMIN);
            cfg.routes.post("/api/jobs/{job_id}/pdf", resumes::pdf, Scope.ADMIN);
            cfg.routes.post("/api/jobs/{job_id}/resume", resumes::jsonResume, Scope.ADMIN);
            cfg.routes.post("/api/sources", sources::create, Scope.ADMIN);
            cfg.routes.get("/api/sources", sources::list, Scope.ADMIN, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/sources/{source_id}", sources::get, Scope.ADMIN, Scope.ANALYTICS_READ);
            cfg.routes.patch("/api/sources/{source_id}", sources::update, Scope.ADMIN);
            cfg.routes.post("/api/conversions", conversions::post, Scope.CONVERSIONS_WRITE);
            cfg.routes.get("/api/conversions/{event}", conversions::get, Scope.CONVERSIONS_WRITE);
            cfg.routes.get("/api/readiness", readinessHandler::get, Scope.ADMIN);
            cfg.routes.post("/api/readiness/verify", readinessHandler::verify, Scope.ADMIN);
            cfg.routes.get("/api/jobs/{job_id}/links", linkHandler::listForJob, Scope.ADMIN, Scope.ANALYTICS_READ);

            cfg.routes.post("/api/links", linkHandler::issue, Scope.ADMIN);
            cfg.routes.get("/api/links/changes", linkHandler::changes, Scope.REDIRECTOR);
            cfg.routes.get("/api/links/{tracking_id}", linkHandler::get, Scope.ANALYTICS_READ, Scope.REDIRECTOR);
            cfg.routes.patch("/api/links/{tracking_id}", linkHandler::patch, Scope.ADMIN);

            // The guide's endpoints. Its sample handler reads a link here with the key it records clicks with (redirector);
            // a conversions:write key lives on a public landing site and reads nothing.
            cfg.routes.get("/api/link-tracking/analytics/{tracking_id}", linkAnalytics::get, Scope.ANALYTICS_READ, Scope.REDIRECTOR);
            // Posting clicks takes a redirector key itself: an admin key that could post chosen addresses and read the
            // analytics would have an oracle for visitors' addresses.
            cfg.routes.post("/api/link-tracking/record-click", clicks::recordOne, ExplicitScope.REDIRECTOR);
            cfg.routes.post("/api/link-tracking/record-clicks", clicks::recordBatch, ExplicitScope.REDIRECTOR);
            cfg.routes.get("/api/visitor-salt", clicks::visitorSalt, ExplicitScope.REDIRECTOR);
            cfg.routes.post("/api/clicks/reclassify", reclassify::reclassify, Scope.ADMIN);

            cfg.routes.get("/api/analytics/summary", analytics::summary, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/analytics/sources", analytics::sources, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/analytics/top-jobs", analytics::topJobs, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/analytics/top-links", analytics::topLinks, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/analytics/timeseries", analytics::timeseries, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/analytics/clicks.csv", analytics::clicksCsv, Scope.ANALYTICS_READ);
            cfg.routes.get("/api/jobs/{job_id}/analytics", analytics::job, Scope.ANALYTICS_READ);
        });
    }
}
