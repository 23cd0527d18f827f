package io.mailtrail.reports.figures;

import java.util.Map;

/** The call figures of one provider ({@code mailtrail.provider}). */
public record ProviderFigures(String provider, long attempts, long sends, Double attemptSuccessRate, Double sendSuccessRate,
                              Latency latency, long failures, Map<String, Long> failuresByCategory) {

    public ProviderFigures {
        failuresByCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failuresByCategory));
    }
}
