package dev.tracerlinks.model;

/** Body of {@code POST /api/sources} ({@code name}, {@code type}) and {@code PATCH /api/sources/{id}} (any of them, and {@code archived}). */
public record SourceRequest(String name, String type, Boolean archived) {
}
