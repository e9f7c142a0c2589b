package dev.tracerlinks.model;

/** Body of {@code PUT /api/jobs/{job_id}}: company is required, title optional. */
public record JobRequest(String company, String title) {
}
