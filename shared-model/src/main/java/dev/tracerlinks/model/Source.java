package dev.tracerlinks.model;

import java.time.Instant;

/** Where applications come from (a job board, a referral, an agency...): tracking links credit one. */
public record Source(String sourceId, String name, String type, boolean archived, Instant createdAt, Instant updatedAt) {
}
