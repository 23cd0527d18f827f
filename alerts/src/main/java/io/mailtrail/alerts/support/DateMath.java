package io.mailtrail.alerts.support;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Elasticsearch date math ({@code now-5m/d}, {@code 2020-01-01||+1M}): an anchor, then {@code +n<unit>},
 * {@code -n<unit>} and {@code /<unit>} (rounding down) with units {@code y M w d h H m s}.
 */
public final class DateMath {

    /** How Elasticsearch formats dates by default ({@code strict_date_optional_time} with millis, UTC). */
    public static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private DateMath() {
    }

    /** Evaluates an expression at {@code now}, in {@code zone}. */
    public static ZonedDateTime eval(String expression, Instant now, ZoneId zone) {
        String math;
        ZonedDateTime time;
        if (expression.startsWith("now")) {
            time = now.atZone(zone);
            math = expression.substring(3);
        } else {
            int sep = expression.indexOf("||");
            String anchor = sep < 0 ? expression : expression.substring(0, sep);
            math = sep < 0 ? "" : expression.substring(sep + 2);
            time = parseDate(anchor).atZone(zone);
        }
        int i = 0;
        while (i < math.length()) {
            char op = math.charAt(i++);
            if (op != '+' && op != '-' && op != '/') {
                throw new IllegalArgumentException("operator not supported for date math [" + expression + "]");
            }
            int start = i;
            while (i < math.length() && Character.isDigit(math.charAt(i))) {
                i++;
            }
            int n = start == i ? 1 : Integer.parseInt(math.substring(start, i));
            if (i >= math.length()) {
                throw new IllegalArgumentException("truncated date math [" + expression + "]");
            }
            char unit = math.charAt(i++);
            if (op == '/') {
                time = round(time, unit, expression);
            } else {
                long amount = op == '+' ? n : -n;
                time = switch (unit) {
                    case 'y' -> time.plusYears(amount);
                    case 'M' -> time.plusMonths(amount);
                    case 'w' -> time.plusWeeks(amount);
                    case 'd' -> time.plusDays(amount);
                    case 'h', 'H' -> time.plusHours(amount);
                    case 'm' -> time.plusMinutes(amount);
                    case 's' -> time.plusSeconds(amount);
                    default -> throw new IllegalArgumentException("unit [" + unit + "] not supported for date math [" + expression + "]");
                };
            }
        }
        return time;
    }

    private static ZonedDateTime round(ZonedDateTime t, char unit, String expression) {
        return switch (unit) {
            case 'y' -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case 'M' -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case 'w' -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case 'd' -> t.truncatedTo(ChronoUnit.DAYS);
            case 'h', 'H' -> t.truncatedTo(ChronoUnit.HOURS);
            case 'm' -> t.truncatedTo(ChronoUnit.MINUTES);
            case 's' -> t.truncatedTo(ChronoUnit.SECONDS);
            default -> throw new IllegalArgumentException("unit [" + unit + "] not supported for date math [" + expression + "]");
        };
    }

    /** {@code strict_date_optional_time||epoch_millis}. */
    public static Instant parseDate(String s) {
        String v = s.trim();
        if (!v.isEmpty() && v.chars().allMatch(c -> Character.isDigit(c) || c == '-') && !v.contains("-")) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // date only
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("failed to parse date field [" + s + "] with format [strict_date_optional_time||epoch_millis]");
        }
    }

    /** Formats an instant as Elasticsearch prints dates: {@code 2020-01-01T00:05:00.000Z}. */
    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
