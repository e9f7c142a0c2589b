package dev.tracerlinks.model;

import java.time.Instant;

/** A job the user applies to; tracer links are issued per job and are off until enabled. */
public record Job(String jobId, String company, String title, boolean tracerLinksEnabled, Instant createdAt, Instant updatedAt) {
}
