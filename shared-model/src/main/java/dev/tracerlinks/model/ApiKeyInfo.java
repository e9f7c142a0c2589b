package dev.tracerlinks.model;

import java.time.Instant;
import java.util.List;

/** A stored API key as listed by {@code GET /api/keys}: never the secret. */
public record ApiKeyInfo(String id, String name, List<String> scopes, Instant createdAt) {
}
