package io.mailtrail.alerts.condition;

import java.time.Clock;
import java.util.Map;

/** {@code always} and {@code never}. */
final class ConstantCondition implements Condition {

    static final ConstantCondition ALWAYS = new ConstantCondition("always", true);
    static final ConstantCondition NEVER = new ConstantCondition("never", false);

    private final String type;
    private final boolean met;

    private ConstantCondition(String type, boolean met) {
        this.type = type;
        this.met = met;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ConditionResult evaluate(Map<String, Object> model, Clock clock) {
        return new ConditionResult(type, met, Map.of());
    }
}
