package dev.tracerlinks.model;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/readiness}: {@code ready} when every check passed, else {@code not_ready}; each check with its reason. */
public record Readiness(String status, String publicBaseUrl, Instant checkedAt, List<ReadinessCheck> checks) {
    public boolean isReady() {
        return "ready".equals(status);
    }

    public List<ReadinessCheck> failing() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }
}
