package dev.tracerlinks.model;

/** Body of {@code PATCH /api/links/{tracking_id}}: {@code {"is_active": false}} deactivates for good. */
public record LinkPatch(Boolean isActive) {
}
