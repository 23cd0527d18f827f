package io.mailtrail.alerts.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of one watch, as the history records it.
 *
 * @param watchId        the watch
 * @param executionId    {@code ctx.id}
 * @param executionTime  {@code ctx.execution_time}
 * @param trigger        the trigger event
 * @param state          {@code executed} (condition met, actions ran), {@code execution_not_needed} (not met),
 *                       {@code throttled} (met, every action throttled/acked), {@code failed}, {@code not_evaluable}
 * @param met            the condition result, null when it could not be evaluated
 * @param resolvedValues the values the condition compared
 * @param actions        the actions' results (empty when the condition was not met)
 * @param error          one line when the input or condition failed, or null
 * @param searchTookMillis the cluster's {@code took} of the search input, or -1
 * @param engineNanos    the engine's own time (rendering, condition, actions; the search round trip excluded)
 */
public record ExecutionResult(String watchId, String executionId, Instant executionTime, TriggerEvent trigger, String state,
                              Boolean met, Map<String, Object> resolvedValues, List<ActionResult> actions, String error,
                              long searchTookMillis, long engineNanos) {
}
