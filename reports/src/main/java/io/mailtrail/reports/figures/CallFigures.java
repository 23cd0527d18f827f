package io.mailtrail.reports.figures;

import java.util.List;
import java.util.Map;

/**
 * What the call events ({@code logs-mailtrail.calls-<ns>}) of one period say.
 *
 * @param attempts           call attempts
 * @param sends              logical sends: attempts with {@code mailtrail.attempt.final: true}
 * @param attemptSuccessRate average of {@code mailtrail.success_count} over attempts
 * @param sendSuccessRate    the same over logical sends
 * @param failures           attempts with {@code mailtrail.success_count: 0}
 * @param failuresByCategory failures per {@code mailtrail.error.category}
 */
public record CallFigures(long attempts, long sends, Double attemptSuccessRate, Double sendSuccessRate, Latency latency,
                          long failures, Map<String, Long> failuresByCategory, List<TimeBucket> overTime,
                          List<ProviderFigures> providers, List<ErrorMessage> topErrors, RetryFigures retries) {

    public CallFigures {
        failuresByCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failuresByCategory));
        overTime = List.copyOf(overTime);
        providers = List.copyOf(providers);
        topErrors = List.copyOf(topErrors);
    }

    public java.util.Optional<ProviderFigures> provider(String name) {
        return providers.stream().filter(p -> p.provider().equals(name)).findFirst();
    }
}
