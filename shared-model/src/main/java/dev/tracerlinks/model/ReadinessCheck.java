package dev.tracerlinks.model;

/** One readiness check: its name, whether it passed, and a sentence saying what was found. */
public record ReadinessCheck(String name, boolean passed, String reason) {
}
