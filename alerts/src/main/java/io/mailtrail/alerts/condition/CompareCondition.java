package io.mailtrail.alerts.condition;

import io.mailtrail.alerts.support.ObjectPath;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code {"compare": {"ctx.payload.x": {"gte": 5}}}}. */
final class CompareCondition implements Condition {

    private final String path;
    private final Op op;
    private final Object value;

    CompareCondition(String path, Op op, Object value) {
        this.path = path;
        this.op = op;
        this.value = value;
    }

    @Override
    public String type() {
        return "compare";
    }

    @Override
    public ConditionResult evaluate(Map<String, Object> model, Clock clock) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        Object configured = ConfiguredValue.resolve(value, model, clock, resolved);
        Object actual = ObjectPath.eval(path, model);
        resolved.put(path, actual);
        return new ConditionResult(type(), op.eval(LenientCompare.compare(actual, configured)), resolved);
    }

    String path() {
        return path;
    }
}
