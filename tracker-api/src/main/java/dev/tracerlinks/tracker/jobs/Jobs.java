package dev.tracerlinks.tracker.jobs;

import dev.tracerlinks.model.Job;
import dev.tracerlinks.model.JobPatch;
import dev.tracerlinks.model.JobRequest;
import dev.tracerlinks.model.Readiness;
import dev.tracerlinks.model.ReadinessCheck;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.TextFields;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Creating, reading and changing jobs. */
public final class Jobs {
    /** UUIDs (as in the guide) and the ids job trackers use: letters, digits and {@code . _ : -}. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final int MAX_COMPANY_LENGTH = 200;
    private static final int MAX_TITLE_LENGTH = 300;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Supplier<Readiness> readinessNow;

    /** {@code readinessNow} runs the readiness checks; switching tracer links on needs them all to pass. */
    public Jobs(Jdbi jdbi, Clock clock, Supplier<Readiness> readinessNow) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.readinessNow = readinessNow;
    }

    /** The job and whether this call created it. */
    public record Upserted(Job job, boolean created) {
    }

    public Upserted put(String jobId, JobRequest request) {
        checkJobId(jobId);
        if (request.company() == null || request.company().isBlank()) {
            throw ApiException.missingFields(List.of("company"), List.of("company"));
        }
        String company = TextFields.optional("company", request.company(), MAX_COMPANY_LENGTH);
        String title = TextFields.optional("title", request.title(), MAX_TITLE_LENGTH);
        Instant now = now();
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            Optional<Job> found = dao.findById(jobId);
            if (found.isEmpty()) {
                Job created = new Job(jobId, company, title, false, now, now);
                if (dao.insert(created)) {
                    return new Upserted(created, true);
                }
                // Created by a request at the same moment: this one updates it, as if it had come second.
                found = dao.findById(jobId);
            }
            Job existing = found.orElseThrow();
            Job updated = new Job(jobId, company, title, existing.tracerLinksEnabled(), existing.createdAt(), now);
            dao.update(updated);
            return new Upserted(updated, false);
        });
    }

    public Job get(String jobId) {
        return jdbi.withExtension(JobDao.class, dao -> dao.findById(jobId)).orElseThrow(() -> unknownJob(jobId));
    }

    public Job patch(String jobId, JobPatch patch) {
        if (patch.tracerLinksEnabled() == null && patch.company() == null && patch.title() == null) {
            throw ApiException.badRequest("Nothing to change; send tracer_links_enabled, company or title.");
        }
        if (patch.company() != null && patch.company().isBlank()) {
            throw ApiException.badRequest("company cannot be empty.");
        }
        if (Boolean.TRUE.equals(patch.tracerLinksEnabled()) && !get(jobId).tracerLinksEnabled()) {
            requireReady(jobId);
        }
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            Job existing = dao.findById(jobId).orElseThrow(() -> unknownJob(jobId));
            Job updated = new Job(jobId,
                    patch.company() == null ? existing.company() : TextFields.optional("company", patch.company(), MAX_COMPANY_LENGTH),
                    patch.title() == null ? existing.title() : TextFields.optional("title", patch.title(), MAX_TITLE_LENGTH),
                    patch.tracerLinksEnabled() == null ? existing.tracerLinksEnabled() : patch.tracerLinksEnabled(),
                    existing.createdAt(), now());
            dao.update(updated);
            return updated;
        });
    }

    /** The checks run outside the transaction: they make outbound requests and issue the probe link. */
    private void requireReady(String jobId) {
        Readiness readiness = readinessNow.get();
        if (!readiness.isReady()) {
            List<ReadinessCheck> failing = readiness.failing();
            throw new ApiException(409, "Tracer links cannot be switched on for job " + jobId + " until readiness passes; failing: "
                    + failing.stream().map(ReadinessCheck::name).collect(Collectors.joining(", "))
                    + ". See GET /api/readiness for the reasons.", Map.of("readiness", readiness.status(), "failing_checks", failing));
        }
    }

    public static ApiException unknownJob(String jobId) {
        return ApiException.notFound("Job " + jobId + " does not exist; create it with PUT /api/jobs/" + jobId + " first.",
                Map.of("job_id", jobId));
    }

    private static void checkJobId(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw ApiException.badRequest("job_id must be 1 to 100 letters, digits or . _ : - (a UUID works), starting with a letter or digit.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
