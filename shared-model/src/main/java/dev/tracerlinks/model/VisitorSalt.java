package dev.tracerlinks.model;

import java.time.LocalDate;

/** The day's secret salt for visitor hashes, shared by every redirector; destroyed two days later. */
public record VisitorSalt(LocalDate day, String salt) {
}
