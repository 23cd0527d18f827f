package io.mailtrail.alerts.condition;

import java.time.Clock;
import java.util.Map;

/** A script condition: parsed so the watch loads, but never evaluated (no Painless here) and never guessed. */
final class ScriptCondition implements Condition {

    @Override
    public String type() {
        return "script";
    }

    @Override
    public ConditionResult evaluate(Map<String, Object> model, Clock clock) {
        throw new UnsupportedOperationException("script conditions are not evaluable by mailtrail (no Painless); use compare or array_compare");
    }
}
