package io.mailtrail.alerts.support;

import java.util.List;
import java.util.Map;

/**
 * Reads a dotted path from the model as Elasticsearch's {@code ObjectPath.eval} does: split on {@code .},
 * map lookup, a numeric segment indexes a list (out of range throws), a non-numeric segment on a list or
 * anything missing gives {@code null}.
 */
public final class ObjectPath {

    private ObjectPath() {
    }

    public static Object eval(String path, Object model) {
        if (path == null || path.isEmpty()) {
            return model;
        }
        Object current = model;
        for (String segment : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else if (current instanceof List<?> list) {
                int index;
                try {
                    index = Integer.parseInt(segment);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (index < 0 || index >= list.size()) {
                    throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + list.size());
                }
                current = list.get(index);
            } else if (current instanceof Object[] array) {
                int index;
                try {
                    index = Integer.parseInt(segment);
                } catch (NumberFormatException e) {
                    return null;
                }
                current = array[index];
            } else {
                return null;
            }
        }
        return current;
    }
}
