package dev.tracerlinks.tracker.links;

import dev.tracerlinks.tracker.db.Engine;
import dev.tracerlinks.tracker.db.WriteOrder;
import dev.tracerlinks.model.DestinationUrls;
import dev.tracerlinks.model.InvalidDestinationException;
import dev.tracerlinks.model.IssueLinkRequest;
import dev.tracerlinks.model.Job;
import dev.tracerlinks.model.LinkChanges;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.model.Source;
import dev.tracerlinks.model.Tokens;
import dev.tracerlinks.tracker.TrackerConfig;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.TextFields;
import dev.tracerlinks.tracker.jobs.JobDao;
import dev.tracerlinks.tracker.jobs.Jobs;
import dev.tracerlinks.tracker.sources.SourceDao;
import dev.tracerlinks.tracker.sources.Sources;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Issuing links with the token and reuse rules of DESIGN.md, looking them up, deactivating them. */
public final class Links {
    private static final List<String> REQUIRED = List.of("job_id", "source_path", "destination_url");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern TRACKING_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Jdbi jdbi;
    private final Clock clock;
    private final TrackerConfig config;
    private final Engine engine;
    private final TokenMinter minter;
    private final DestinationPolicy destinations;

    public Links(Jdbi jdbi, Clock clock, TrackerConfig config) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.engine = config.database().engine();
        this.minter = new TokenMinter(new SecureRandom(), config.tokenSuffixLetters());
        Set<String> ownHosts = new java.util.HashSet<>(Set.of(config.publicBaseUrl().getHost()));
        config.printedBase().ifPresent(base -> ownHosts.add(URI.create("https://" + base).getHost()));
        this.destinations = new DestinationPolicy(ownHosts, config.allowPrivateDestinations());
    }

    /** The link and whether this call created it (false: an existing link was reused). */
    public record Issued(LinkData link, boolean created) {
    }

    /**
     * Same job, same source path and same destination give back the same live token; a changed
     * destination gets a new token while the old one keeps redirecting. A deactivated link is never
     * handed out again: the request gets a fresh token instead.
     */
    public Issued issue(IssueLinkRequest request) {
        Draft draft = validate(request);
        return jdbi.inTransaction(handle -> {
            // Before the reuse check: two requests for the same link at once on two instances create it once.
            WriteOrder.links(handle, engine);
            Issued issued = resolve(handle, draft, Set.of());
            if (issued.created()) {
                handle.attach(LinkDao.class).insert(issued.link());
            }
            return issued;
        });
    }

    /** The links of one document (a resume), decided first and written together, or not at all. */
    public DocumentLinks forDocument() {
        return new DocumentLinks();
    }

    /**
     * Links planned for a document without writing anything: reused links as they are, new ones with
     * a token chosen now. {@link #commit()} writes the new ones in one transaction once the document
     * has been rewritten; a document that is refused halfway leaves no link behind, and its rewrite
     * never holds the write lock. Each plan reads in autocommit mode, which in WAL mode takes no lock.
     */
    public final class DocumentLinks {
        private final Map<String, LinkData> fresh = new LinkedHashMap<>();

        private DocumentLinks() {
        }

        /** The link this request will have; a 400 (unusable destination...) when it cannot have one. */
        public LinkData plan(IssueLinkRequest request) {
            Draft draft = validate(request);
            Issued issued = jdbi.withHandle(handle -> resolve(handle, draft, fresh.keySet()));
            if (issued.created()) {
                fresh.put(issued.link().trackingId(), issued.link());
            }
            return issued.link();
        }

        /** How many links {@link #commit()} would create. */
        public int newLinks() {
            return fresh.size();
        }

        /**
         * Writes the planned new links in one transaction. Throws {@link PlanOutdated} when another
         * request created one of the same links or took one of the tokens since the plan: the caller
         * plans again, which then reuses what the other request made.
         */
        public void commit() {
            if (fresh.isEmpty()) {
                return;
            }
            jdbi.useTransaction(handle -> {
                WriteOrder.links(handle, engine);
                LinkDao links = handle.attach(LinkDao.class);
                for (LinkData link : fresh.values()) {
                    boolean taken = links.findById(link.trackingId()).isPresent();
                    boolean madeMeanwhile = links.findReusable(link.jobId(), link.sourcePath(), link.originalUrl(), link.appendClickId(),
                            link.clickIdParam(), link.sourceId(), link.trackingCodeParam(), null).isPresent();
                    if (taken || madeMeanwhile) {
                        throw new PlanOutdated();
                    }
                    links.insert(link);
                }
            });
        }
    }

    /** The plan of a document's links no longer matches the database; plan again. */
    public static final class PlanOutdated extends RuntimeException {
        PlanOutdated() {
            super("another request issued the same links meanwhile", null, false, false);
        }
    }

    /** A request whose fields have been checked, normalised and defaulted. */
    private record Draft(String jobId, String sourcePath, String destination, String linkFunction, String linkType, String description,
                         String applicationId, boolean appendClickId, String clickIdParam, String sourceId, String title,
                         String creditedTo, String givenCode, String codeParam) {
        boolean tracked() {
            return codeParam != null;
        }
    }

    private Draft validate(IssueLinkRequest request) {
        List<String> missing = new ArrayList<>();
        if (isBlank(request.jobId())) {
            missing.add("job_id");
        }
        if (isBlank(request.sourcePath())) {
            missing.add("source_path");
        }
        if (isBlank(request.destinationUrl())) {
            missing.add("destination_url");
        }
        if (!missing.isEmpty()) {
            throw ApiException.missingFields(missing, REQUIRED);
        }
        // A bidi override in a URL makes it read as another one wherever it is shown (original_url, exports, the dashboard).
        TextFields.checkCharacters("destination_url", request.destinationUrl());
        String destination;
        try {
            destination = DestinationUrls.check(request.destinationUrl());
        } catch (InvalidDestinationException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", "destination_url"));
        }
        destinations.check(destination);
        String sourcePath = bounded("source_path", request.sourcePath(), 500);
        String linkFunction = Optional.ofNullable(bounded("link_function", request.linkFunction(), 50))
                .orElseGet(() -> LinkFunctions.infer(destination));
        String linkType = Optional.ofNullable(bounded("link_type", request.linkType(), 50)).orElse("resume_link");
        String description = bounded("description", request.description(), 1000);
        String applicationId = bounded("application_id", request.applicationId(), 100);
        boolean appendClickId = Boolean.TRUE.equals(request.appendClickId());
        String clickIdParam = appendClickId ? parameterName("click_id_param", request.clickIdParam(), "tl_cid") : null;
        if (!appendClickId && request.clickIdParam() != null) {
            throw ApiException.badRequest("click_id_param needs append_click_id: true.");
        }
        String sourceId = bounded("source_id", request.sourceId(), 100);
        String title = bounded("title", request.title(), 300);
        String creditedTo = bounded("credited_to", request.creditedTo(), 300);
        String givenCode = request.trackingCode() == null ? null : checkedCode(request.trackingCode().strip());
        boolean tracked = sourceId != null || givenCode != null;
        String codeParam = tracked ? parameterName("tracking_code_param", request.trackingCodeParam(), "utm_source") : null;
        if (!tracked && request.trackingCodeParam() != null) {
            throw ApiException.badRequest("tracking_code_param needs a source_id or a tracking_code.");
        }
        if (codeParam != null && codeParam.equals(clickIdParam)) {
            throw ApiException.badRequest("click_id_param and tracking_code_param must differ; both are " + codeParam + ".");
        }
        return new Draft(request.jobId(), sourcePath, destination, linkFunction, linkType, description, applicationId, appendClickId,
                clickIdParam, sourceId, title, creditedTo, givenCode, codeParam);
    }

    /** The reusable link for a draft, or a new one (not written) with a token that neither the database nor {@code alsoTaken} holds. */
    private Issued resolve(Handle handle, Draft draft, Set<String> alsoTaken) {
        Job job = handle.attach(JobDao.class).findById(draft.jobId()).orElseThrow(() -> Jobs.unknownJob(draft.jobId()));
        if (draft.sourceId() != null) {
            Source source = handle.attach(SourceDao.class).findById(draft.sourceId()).orElseThrow(() -> Sources.unknownSource(draft.sourceId()));
            if (source.archived()) {
                throw ApiException.conflict("Source " + draft.sourceId() + " (" + source.name() + ") is archived; new links cannot use it.");
            }
        }
        LinkDao links = handle.attach(LinkDao.class);
        Optional<LinkData> reusable = links.findReusable(job.jobId(), draft.sourcePath(), draft.destination(), draft.appendClickId(),
                draft.clickIdParam(), draft.sourceId(), draft.codeParam(), draft.givenCode());
        if (reusable.isPresent()) {
            return new Issued(reusable.get(), false);
        }
        String trackingCode = null;
        if (draft.tracked()) {
            trackingCode = draft.givenCode() != null ? draft.givenCode() : minter.trackingCode(code -> links.countWithCode(code) > 0);
            if (draft.givenCode() != null && links.countWithCode(draft.givenCode()) > 0) {
                throw new ApiException(409, "Tracking code " + draft.givenCode() + " is already used by another link; codes are unique.",
                        Map.of("tracking_code", draft.givenCode()));
            }
        }
        String slug = Tokens.slug(job.company());
        List<String> taken = new ArrayList<>(links.tokensStartingWith(slug));
        taken.addAll(alsoTaken);
        String token = minter.mint(slug, taken);
        LinkData link = new LinkData(token, draft.destination(), config.redirectUrlFor(token), draft.linkFunction(), draft.linkType(),
                job.jobId(), draft.applicationId(), true, draft.description(), draft.sourcePath(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), draft.appendClickId(), draft.clickIdParam(), draft.sourceId(), draft.title(),
                draft.creditedTo(), trackingCode, draft.codeParam());
        return new Issued(link, true);
    }

    /** Query parameter names: letters, digits and {@code _ . -}, as every web framework reads them. */
    private static String parameterName(String field, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String name = value.strip();
        if (!PARAMETER_NAME.matcher(name).matches()) {
            throw ApiException.badRequest(field + " must be 1 to 40 letters, digits or _ . - (like tl_cid or utm_source).");
        }
        return name;
    }

    private static String checkedCode(String code) {
        if (!TRACKING_CODE.matcher(code).matches()) {
            throw ApiException.badRequest("tracking_code must be 1 to 64 letters, digits or _ . -.");
        }
        return code;
    }

    /** A page of the replica feed; {@code next_seq} stays at {@code afterSeq} when nothing changed. */
    public LinkChanges changesAfter(long afterSeq, int limit) {
        return jdbi.inTransaction(handle -> {
            LinkDao dao = handle.attach(LinkDao.class);
            List<LinkDao.ChangedLink> changed = dao.changedAfter(afterSeq, limit + 1);
            boolean hasMore = changed.size() > limit;
            List<LinkDao.ChangedLink> page = hasMore ? changed.subList(0, limit) : changed;
            long nextSeq = page.isEmpty() ? afterSeq : page.get(page.size() - 1).changeSeq();
            return new LinkChanges(page.stream().map(LinkDao.ChangedLink::link).toList(), nextSeq, hasMore, dao.latestChangeSeq());
        });
    }

    public LinkData get(String trackingId) {
        return jdbi.withExtension(LinkDao.class, dao -> dao.findById(trackingId)).orElseThrow(() -> unknownLink(trackingId));
    }

    public List<LinkData> forJob(String jobId) {
        return jdbi.inTransaction(handle -> {
            handle.attach(JobDao.class).findById(jobId).orElseThrow(() -> Jobs.unknownJob(jobId));
            return handle.attach(LinkDao.class).findByJob(jobId);
        });
    }

    /** Deactivation is the only change a link ever sees, and it is final. */
    public LinkData setActive(String trackingId, boolean active) {
        return jdbi.inTransaction(handle -> {
            WriteOrder.links(handle, engine);
            LinkDao dao = handle.attach(LinkDao.class);
            LinkData link = dao.findById(trackingId).orElseThrow(() -> unknownLink(trackingId));
            if (active && !link.isActive()) {
                throw ApiException.conflict("Link " + trackingId + " is deactivated for good; issue a new link instead.");
            }
            if (!active && link.isActive()) {
                dao.deactivate(trackingId);
                return dao.findById(trackingId).orElseThrow();
            }
            return link;
        });
    }

    /** The guide's 404 body: {@code {"error": "Link not found or expired", "tracking_id": ...}}. */
    public static ApiException unknownLink(String trackingId) {
        return ApiException.notFound("Link not found or expired", Map.of("tracking_id", trackingId));
    }

    private static String bounded(String field, String value, int max) {
        return TextFields.optional(field, value, max);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
