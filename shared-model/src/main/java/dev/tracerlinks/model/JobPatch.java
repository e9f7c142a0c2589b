package dev.tracerlinks.model;

/** Body of {@code PATCH /api/jobs/{job_id}}: only the fields present change. */
public record JobPatch(Boolean tracerLinksEnabled, String company, String title) {
}
