package dev.tracerlinks.tracker.links;

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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Issuing links with the token and reuse rules of DESIGN.md, looking them up, deactivating them. */
public final class Links {
    private static final List<String> REQUIRED = List.of("job_id", "source_path", "destination_url");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern TRACKING_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Jdbi jdbi;
    private final Clock clock;
    private final TrackerConfig config;
    private final TokenMinter minter;
    private final DestinationPolicy destinations;

    public Links(Jdbi jdbi, Clock clock, TrackerConfig config) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.minter = new TokenMinter(new SecureRandom(), config.tokenSuffixLetters());
        this.destinations = new DestinationPolicy(Set.of(config.publicBaseUrl().getHost()), config.allowPrivateDestinations());
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
        String destination;
        try {
            destination = DestinationUrls.check(request.destinationUrl());
        } catch (InvalidDestinationException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", "destination_url"));
        }
        destinations.check(destination);
        String sourcePath = bounded("source_path", request.sourcePath().strip(), 500);
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

        return jdbi.inTransaction(handle -> {
            Job job = handle.attach(JobDao.class).findById(request.jobId()).orElseThrow(() -> Jobs.unknownJob(request.jobId()));
            if (sourceId != null) {
                Source source = handle.attach(SourceDao.class).findById(sourceId).orElseThrow(() -> Sources.unknownSource(sourceId));
                if (source.archived()) {
                    throw ApiException.conflict("Source " + sourceId + " (" + source.name() + ") is archived; new links cannot use it.");
                }
            }
            LinkDao links = handle.attach(LinkDao.class);
            Optional<LinkData> reusable = links.findReusable(job.jobId(), sourcePath, destination, appendClickId, clickIdParam,
                    sourceId, codeParam, givenCode);
            if (reusable.isPresent()) {
                return new Issued(reusable.get(), false);
            }
            String trackingCode = null;
            if (tracked) {
                trackingCode = givenCode != null ? givenCode : minter.trackingCode(code -> links.countWithCode(code) > 0);
                if (givenCode != null && links.countWithCode(givenCode) > 0) {
                    throw new ApiException(409, "Tracking code " + givenCode + " is already used by another link; codes are unique.",
                            Map.of("tracking_code", givenCode));
                }
            }
            String slug = Tokens.slug(job.company());
            String token = minter.mint(slug, links.tokensStartingWith(slug));
            LinkData link = new LinkData(token, destination, config.redirectUrlFor(token), linkFunction, linkType,
                    job.jobId(), applicationId, true, description, sourcePath,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), appendClickId, clickIdParam, sourceId, title, creditedTo,
                    trackingCode, codeParam);
            links.insert(link);
            return new Issued(link, true);
        });
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
