package io.mailtrail.alerts.condition;

import io.mailtrail.alerts.support.ObjectPath;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code {"array_compare": {"ctx.payload.buckets": {"path": "doc_count", "gte": {"value": 5, "quantifier": "some"}}}}}. */
final class ArrayCompareCondition implements Condition {

    /** {@code all} (true on an empty array) or {@code some} (false on an empty array). */
    enum Quantifier { ALL, SOME }

    private final String arrayPath;
    private final String path;
    private final Op op;
    private final Object value;
    private final Quantifier quantifier;

    ArrayCompareCondition(String arrayPath, String path, Op op, Object value, Quantifier quantifier) {
        this.arrayPath = arrayPath;
        this.path = path;
        this.op = op;
        this.value = value;
        this.quantifier = quantifier;
    }

    @Override
    public String type() {
        return "array_compare";
    }

    @Override
    public ConditionResult evaluate(Map<String, Object> model, Clock clock) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        Object configured = ConfiguredValue.resolve(value, model, clock, resolved);
        Object array = ObjectPath.eval(arrayPath, model);
        if (array != null && !(array instanceof List)) {
            throw new IllegalStateException("array path " + arrayPath + " did not evaluate to array, was " + array);
        }
        List<?> elements = array == null ? List.of() : (List<?>) array;
        List<Object> values = new ArrayList<>(elements.size());
        for (Object e : elements) {
            values.add(ObjectPath.eval(path, e));
        }
        resolved.put(arrayPath, elements);
        boolean met = quantifier == Quantifier.ALL
                ? values.stream().allMatch(v -> op.evalStrict(LenientCompare.compare(v, configured)))
                : values.stream().anyMatch(v -> op.evalStrict(LenientCompare.compare(v, configured)));
        return new ConditionResult(type(), met, resolved);
    }
}
