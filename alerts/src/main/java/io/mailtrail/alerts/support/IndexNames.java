package io.mailtrail.alerts.support;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Date math in index names, as Elasticsearch core resolves them when a search runs
 * ({@code IndexNameExpressionResolver.DateMathExpressionResolver}): {@code <logs-{now/d}>},
 * {@code <logs-{now/M{yyyy.MM}}>}, {@code <logs-{now/d{yyyy.MM.dd|+01:00}}>}; {@code \{ \}} escape braces.
 * Names without the {@code <...>} form are returned unchanged.
 */
public final class IndexNames {

    private IndexNames() {
    }

    public static String resolve(String expression, Instant now) {
        if (!(expression.startsWith("<") && expression.endsWith(">"))) {
            return expression;
        }
        String text = expression.substring(1, expression.length() - 1);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '{') {
                int depth = 0;
                int end = i;
                for (; end < text.length(); end++) {
                    char e = text.charAt(end);
                    if (e == '{') {
                        depth++;
                    } else if (e == '}') {
                        depth--;
                        if (depth == 0) {
                            break;
                        }
                    }
                }
                if (end >= text.length()) {
                    throw new IllegalArgumentException("invalid dynamic name expression [" + text + "]. date math placeholder is open ended");
                }
                out.append(placeholder(text.substring(i + 1, end), text, now));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("invalid dynamic name expression [" + text + "]. invalid character in placeholder");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String placeholder(String inner, String text, Instant now) {
        String math = inner;
        String pattern = "uuuu.MM.dd";
        ZoneId zone = ZoneOffset.UTC;
        int brace = inner.indexOf('{');
        if (brace >= 0) {
            if (!inner.endsWith("}")) {
                throw new IllegalArgumentException("invalid dynamic name expression [" + text + "]. missing closing `}` for date math format");
            }
            math = inner.substring(0, brace);
            String format = inner.substring(brace + 1, inner.length() - 1);
            int bar = format.indexOf('|');
            if (bar >= 0) {
                zone = ZoneId.of(format.substring(bar + 1));
                format = format.substring(0, bar);
            }
            if (format.isEmpty()) {
                throw new IllegalArgumentException("invalid dynamic name expression [" + text + "]. missing date format");
            }
            pattern = format.replace("yyyy", "uuuu").replace("YYYY", "uuuu");
        }
        return DateTimeFormatter.ofPattern(pattern).format(DateMath.eval(math, now, zone));
    }
}
