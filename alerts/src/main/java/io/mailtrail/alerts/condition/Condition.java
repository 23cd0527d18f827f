package io.mailtrail.alerts.condition;

import java.time.Clock;
import java.util.Map;

/** A watch (or action) condition, evaluated on the execution model {@code {"ctx": {...}}}. */
public interface Condition {

    /** Watcher's type name: {@code compare}, {@code array_compare}, {@code always}, {@code never}, {@code script}. */
    String type();

    /**
     * Evaluates the condition.
     *
     * @param model {@code {"ctx": ctx}}
     * @param clock the clock {@code <{now...}>} date math reads (Watcher uses the node's clock)
     * @throws IllegalStateException when the condition cannot be evaluated on this payload
     * @throws UnsupportedOperationException for script conditions (no script engine here)
     */
    ConditionResult evaluate(Map<String, Object> model, Clock clock);
}
