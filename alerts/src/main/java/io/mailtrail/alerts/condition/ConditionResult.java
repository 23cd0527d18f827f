package io.mailtrail.alerts.condition;

import java.util.Map;

/**
 * The outcome of a condition: met or not, and the values it compared ({@code resolved_values} in Watcher's history).
 *
 * @param type           the condition type
 * @param met            whether the condition is met
 * @param resolvedValues compared path → value
 */
public record ConditionResult(String type, boolean met, Map<String, Object> resolvedValues) {
}
