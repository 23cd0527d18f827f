package io.mailtrail.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code --from}/{@code --to} values: {@code now}, {@code now-7d} (units {@code m h d w}), an
 * ISO-8601 instant ({@code 2026-11-23T00:00:00Z}) or a date ({@code 2026-11-23}, midnight UTC). Resolved in
 * Java, not left to Elasticsearch date math, so that both periods and the report header name exact instants.
 */
public final class TimeExpression {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,6})([mhdw]))?");

    private TimeExpression() {
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Instant parse(String value, Instant now) {
        String v = value == null ? "" : value.trim();
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            if (m.group(1) == null) {
                return now;
            }
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("'" + value + "' is no time: use now, now-<n><m|h|d|w> (e.g. now-7d),"
                        + " an ISO instant (2026-11-23T00:00:00Z) or a date (2026-11-23)");
            }
        }
    }
}
