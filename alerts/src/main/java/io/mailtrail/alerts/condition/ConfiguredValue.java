package io.mailtrail.alerts.condition;

import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.ObjectPath;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves a condition's configured value: {@code <{date math}>}, {@code {{path}}} or a literal. */
final class ConfiguredValue {

    private static final Pattern DATE_MATH = Pattern.compile("<\\{(.+)\\}>");
    private static final Pattern PATH = Pattern.compile("\\{\\{(.+)\\}\\}");

    private ConfiguredValue() {
    }

    static Object resolve(Object value, Map<String, Object> model, Clock clock, Map<String, Object> resolvedValues) {
        if (value instanceof String s) {
            Matcher m = DATE_MATH.matcher(s);
            if (m.matches()) {
                ZonedDateTime date = DateMath.eval(m.group(1), clock.instant(), ZoneOffset.UTC);
                resolvedValues.put(m.group(1), DateMath.format(date.toInstant()));
                return date;
            }
            m = PATH.matcher(s);
            if (m.matches()) {
                String path = m.group(1);
                Object resolved = ObjectPath.eval(path, model);
                resolvedValues.put(path, resolved);
                return resolved;
            }
        }
        return value;
    }
}
