package dev.tracerlinks.model;

import java.util.List;

/** Body of {@code POST /api/keys}: the scopes the new key carries and an optional name for humans. */
public record ApiKeyRequest(List<String> scopes, String name) {
}
