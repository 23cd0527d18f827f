package io.mailtrail.logback.route;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain index name, optionally with one date placeholder in Logback's style, {@code %d{yyyy.MM.dd}},
 * filled with the event's time in UTC: {@code app-logs-%d{yyyy.MM}} gives {@code app-logs-2026.11}.
 */
public final class IndexNamePattern {

    private static final Pattern DATE = Pattern.compile("%d\\{([^}]+)}");
    private static final Pattern FORBIDDEN = Pattern.compile("[\\\\/*?\"<>| ,#:A-Z]");

    private final String prefix;
    private final DateTimeFormatter date;
    private final String suffix;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedName;

    private IndexNamePattern(String prefix, DateTimeFormatter date, String suffix) {
        this.prefix = prefix;
        this.date = date;
        this.suffix = suffix;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the pattern (bad date pattern, more than one
     *                                  placeholder, or a name Elasticsearch refuses: uppercase, {@code \ / * ? " < > | , #}, space,
     *                                  a leading {@code - _ +})
     */
    public static IndexNamePattern parse(String pattern) {
        Matcher m = DATE.matcher(pattern);
        IndexNamePattern p;
        if (m.find()) {
            DateTimeFormatter f;
            try {
                f = DateTimeFormatter.ofPattern(m.group(1), Locale.ROOT).withZone(ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its date pattern '" + m.group(1) + "' is invalid: " + e.getMessage());
            }
            p = new IndexNamePattern(pattern.substring(0, m.start()), f, pattern.substring(m.end()));
            if (m.find()) {
                throw new IllegalArgumentException("it has more than one %d{...}");
            }
        } else {
            p = new IndexNamePattern(pattern, null, "");
        }
        String sample = p.name(Instant.now().toEpochMilli());
        if (sample.isEmpty() || FORBIDDEN.matcher(sample).find() || "-_+".indexOf(sample.charAt(0)) >= 0
                || sample.equals(".") || sample.equals("..")) {
            throw new IllegalArgumentException("it gives '" + sample + "', which is not a valid index name "
                    + "(lowercase, none of \\ / * ? \" < > | , # : or space, not starting with - _ +)");
        }
        return p;
    }

    /** The index name for an event at this time. Not thread-safe (one cached name). */
    public String name(long epochMillis) {
        if (date == null) {
            return prefix;
        }
        long second = Math.floorDiv(epochMillis, 1000L);
        if (second != cachedSecond) {
            cachedName = prefix + date.format(Instant.ofEpochMilli(epochMillis)) + suffix;
            cachedSecond = second;
        }
        return cachedName;
    }
}
