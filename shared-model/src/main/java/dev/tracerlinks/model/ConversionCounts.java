package dev.tracerlinks.model;

/**
 * Conversions of the clicks counted: per event (1, 2 = application completed, 3) for people's clicks,
 * the clicks with at least one conversion, the conversion rate (converted human clicks / human clicks,
 * null without human clicks), and conversions reported for bot clicks, kept apart.
 */
public record ConversionCounts(long event1, long event2, long event3, long convertedClicks, Double conversionRate, long botConversions) {
    public static ConversionCounts none() {
        return new ConversionCounts(0, 0, 0, 0, null, 0);
    }
}
