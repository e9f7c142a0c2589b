package dev.tracerlinks.tracker.readiness;

import dev.tracerlinks.model.IssueLinkRequest;
import dev.tracerlinks.model.Job;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.tracker.jobs.JobDao;
import dev.tracerlinks.tracker.links.Links;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/**
 * The probe link readiness fetches through the public base URL. It belongs to an internal job and
 * its destination carries a value made at this process's start, so a 302 to it proves the
 * redirector answering is fed by this tracker-api. Probe clicks are HEAD requests from our own
 * user agent, so they are stored as bot clicks of the probe job and stay out of default analytics.
 */
public final class ProbeLinks {
    public static final String PROBE_JOB_ID = "tracer-links-readiness-probe";

    private final Jdbi jdbi;
    private final Links links;
    private final Clock clock;
    private final String destination;

    public ProbeLinks(Jdbi jdbi, Links links, Clock clock) {
        this.jdbi = jdbi;
        this.links = links;
        this.clock = clock;
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        this.destination = "https://example.com/tracer-links-readiness/" + HexFormat.of().formatHex(nonce);
    }

    LinkData issue() {
        jdbi.useTransaction(handle -> {
            // Made once, by whichever instance asks first (the insert does nothing when it exists).
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            handle.attach(JobDao.class).insert(new Job(PROBE_JOB_ID, "Tracer Links readiness probe", null, false, now, now));
        });
        return links.issue(IssueLinkRequest.plain(PROBE_JOB_ID, "readiness-probe", destination, "Readiness", "readiness_probe",
                "Fetched by the readiness checks; not a resume link.", null)).link();
    }
}
