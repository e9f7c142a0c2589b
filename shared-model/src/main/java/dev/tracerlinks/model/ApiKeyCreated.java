package dev.tracerlinks.model;

import java.time.Instant;
import java.util.List;

/** Answer to {@code POST /api/keys}: the only time the secret {@code key} is ever shown. */
public record ApiKeyCreated(String id, String key, String name, List<String> scopes, Instant createdAt) {
}
