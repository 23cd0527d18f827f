package io.mailtrail.alerts.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Watcher (Quartz-style) cron expression: {@code sec min hour day-of-month month day-of-week [year]},
 * seconds mandatory, names case-insensitive, day-of-week 1 = Sunday, exactly one of the two day fields
 * {@code ?}; {@code * , - /}, ranges that wrap ({@code 22-2}), {@code L}, {@code L-n}, {@code nW}, {@code LW},
 * {@code nL}, {@code n#k}. Evaluated in a time zone: a time in a DST gap fires as if before the transition,
 * a time in an overlap fires once.
 */
public final class Cron {

    private static final int MAX_YEAR = 2199;
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5),
            Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10),
            Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of(
            "SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

    private final String expression;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final boolean anyDayOfMonth;
    private final boolean lastDayOfMonth;
    private final int lastDayOffset;
    private final boolean nearestWeekday;
    private final int nearestWeekdayOf;
    private final boolean anyDayOfWeek;
    private final int lastWeekdayOfMonth;
    private final int nthWeekday;
    private final int nthWeekdayNumber;

    private Cron(String expression, Parsed p) {
        this.expression = expression;
        this.seconds = p.seconds;
        this.minutes = p.minutes;
        this.hours = p.hours;
        this.daysOfMonth = p.daysOfMonth;
        this.months = p.months;
        this.daysOfWeek = p.daysOfWeek;
        this.years = p.years;
        this.anyDayOfMonth = p.anyDayOfMonth;
        this.lastDayOfMonth = p.lastDayOfMonth;
        this.lastDayOffset = p.lastDayOffset;
        this.nearestWeekday = p.nearestWeekday;
        this.nearestWeekdayOf = p.nearestWeekdayOf;
        this.anyDayOfWeek = p.anyDayOfWeek;
        this.lastWeekdayOfMonth = p.lastWeekdayOfMonth;
        this.nthWeekday = p.nthWeekday;
        this.nthWeekdayNumber = p.nthWeekdayNumber;
    }

    /**
     * Parses an expression (upper-cased first, as Watcher does).
     *
     * @throws IllegalArgumentException {@code invalid cron expression [expr]} with the reason as cause
     */
    public static Cron parse(String expression) {
        String upper = expression.toUpperCase(Locale.ROOT);
        try {
            return new Cron(upper, new Parsed(upper));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression [" + expression + "]", e);
        }
    }

    /** The normalized (upper-case) expression. */
    public String expression() {
        return expression;
    }

    /** The first fire time strictly after {@code after} (second precision), or empty when it never fires again. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        Instant floor = after.truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime startLocal = LocalDateTime.ofInstant(floor, zone);
        LocalDate day = startLocal.toLocalDate();
        boolean firstDay = true;
        while (day.getYear() <= MAX_YEAR) {
            if (!years.get(day.getYear())) {
                int next = years.nextSetBit(day.getYear() + 1);
                if (next < 0 || next > MAX_YEAR) {
                    return Optional.empty();
                }
                day = LocalDate.of(next, 1, 1);
                firstDay = false;
                continue;
            }
            if (!months.get(day.getMonthValue())) {
                day = day.withDayOfMonth(1).plusMonths(1);
                firstDay = false;
                continue;
            }
            if (dayMatches(day)) {
                Optional<Instant> t = firstTimeOn(day, zone, after, firstDay ? startLocal.getHour() : 0);
                if (t.isPresent()) {
                    return t;
                }
            }
            day = day.plusDays(1);
            firstDay = false;
        }
        return Optional.empty();
    }

    private Optional<Instant> firstTimeOn(LocalDate day, ZoneId zone, Instant after, int fromHour) {
        // Two hours of slack below the start hour: a DST shift can map an earlier local hour after `after`.
        for (int h = hours.nextSetBit(Math.max(0, fromHour - 2)); h >= 0 && h < 24; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0 && m < 60; m = minutes.nextSetBit(m + 1)) {
                for (int s = seconds.nextSetBit(0); s >= 0 && s < 60; s = seconds.nextSetBit(s + 1)) {
                    Instant candidate = ZonedDateTime.of(day, LocalTime.of(h, m, s), zone).toInstant();
                    if (candidate.isAfter(after)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        int last = day.lengthOfMonth();
        int dom = day.getDayOfMonth();
        if (!anyDayOfMonth) {
            if (lastDayOfMonth && nearestWeekday) {
                return dom == nearestWeekday(day, last);
            }
            if (lastDayOfMonth) {
                return dom == last - lastDayOffset;
            }
            if (nearestWeekday) {
                return dom == nearestWeekday(day, Math.min(nearestWeekdayOf, last));
            }
            return daysOfMonth.get(dom);
        }
        int dow = day.getDayOfWeek().getValue() % 7 + 1; // 1 = Sunday
        if (lastWeekdayOfMonth > 0) {
            return dow == lastWeekdayOfMonth && dom + 7 > last;
        }
        if (nthWeekday > 0) {
            return dow == nthWeekday && (dom - 1) / 7 + 1 == nthWeekdayNumber;
        }
        return anyDayOfWeek || daysOfWeek.get(dow);
    }

    private static int nearestWeekday(LocalDate day, int target) {
        LocalDate t = day.withDayOfMonth(target);
        int last = day.lengthOfMonth();
        if (t.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return target == 1 ? 3 : target - 1;
        }
        if (t.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return target == last ? target - 2 : target + 1;
        }
        return target;
    }

    @Override
    public String toString() {
        return expression;
    }

    /** The fields of an expression, validated. */
    private static final class Parsed {
        final BitSet seconds = new BitSet(60);
        final BitSet minutes = new BitSet(60);
        final BitSet hours = new BitSet(24);
        final BitSet daysOfMonth = new BitSet(32);
        final BitSet months = new BitSet(13);
        final BitSet daysOfWeek = new BitSet(8);
        final BitSet years = new BitSet(MAX_YEAR + 1);
        boolean anyDayOfMonth;
        boolean lastDayOfMonth;
        int lastDayOffset;
        boolean nearestWeekday;
        int nearestWeekdayOf;
        boolean anyDayOfWeek;
        int lastWeekdayOfMonth;
        int nthWeekday;
        int nthWeekdayNumber;

        Parsed(String expression) {
            String[] f = expression.trim().split("\\s+");
            if (f.length < 6 || f.length > 7) {
                throw new IllegalArgumentException("Unexpected end of expression.");
            }
            numbers(f[0], seconds, 0, 59, "Second", Map.of());
            numbers(f[1], minutes, 0, 59, "Minute", Map.of());
            numbers(f[2], hours, 0, 23, "Hour", Map.of());
            numbers(f[4], months, 1, 12, "Month", MONTHS);
            if (f.length == 7) {
                numbers(f[6], years, 1970, MAX_YEAR, "Year", Map.of());
            } else {
                years.set(1970, MAX_YEAR + 1);
            }
            boolean domQ = f[3].equals("?");
            boolean dowQ = f[5].equals("?");
            if (domQ == dowQ) {
                throw new IllegalArgumentException(domQ
                        ? "'?' can only be specified for Day-of-Month -OR- Day-of-Week."
                        : "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.");
            }
            anyDayOfMonth = domQ;
            if (!domQ) {
                dayOfMonth(f[3]);
            } else {
                dayOfWeek(f[5]);
            }
        }

        private void dayOfMonth(String field) {
            if (field.contains("L") || field.contains("W")) {
                if (field.contains(",")) {
                    throw new IllegalArgumentException("Support for specifying 'L' and 'LW' with other days of the month is not implemented");
                }
                if (field.equals("LW")) {
                    lastDayOfMonth = true;
                    nearestWeekday = true;
                } else if (field.startsWith("L")) {
                    lastDayOfMonth = true;
                    if (field.length() > 1) {
                        if (!field.startsWith("L-")) {
                            throw new IllegalArgumentException("Illegal characters for this position: '" + field + "'");
                        }
                        lastDayOffset = number(field.substring(2), 0, 30, "Offset from last day");
                    }
                } else if (field.endsWith("W")) {
                    nearestWeekday = true;
                    nearestWeekdayOf = number(field.substring(0, field.length() - 1), 1, 31, "Day of month");
                } else {
                    throw new IllegalArgumentException("Illegal characters for this position: '" + field + "'");
                }
                return;
            }
            numbers(field, daysOfMonth, 1, 31, "Day of month", Map.of());
        }

        private void dayOfWeek(String field) {
            if (field.equals("*")) {
                anyDayOfWeek = true;
                return;
            }
            if (field.equals("L")) {
                daysOfWeek.set(7);
                return;
            }
            if (field.endsWith("L")) {
                if (field.contains(",")) {
                    throw new IllegalArgumentException("Support for specifying 'L' with other days of the week is not implemented");
                }
                lastWeekdayOfMonth = day(field.substring(0, field.length() - 1));
                return;
            }
            if (field.contains("#")) {
                if (field.indexOf('#') != field.lastIndexOf('#')) {
                    throw new IllegalArgumentException("Support for specifying multiple \"nth\" days is not implemented.");
                }
                String[] parts = field.split("#");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("Illegal characters for this position: '" + field + "'");
                }
                nthWeekday = day(parts[0]);
                nthWeekdayNumber = number(parts[1], 1, 5, "A numeric value between 1 and 5 must follow the '#' option");
                return;
            }
            numbers(field, daysOfWeek, 1, 7, "Day-of-Week", DAYS);
        }

        private static int day(String s) {
            Integer named = DAYS.get(s);
            return named != null ? named : number(s, 1, 7, "Day-of-Week");
        }

        private static void numbers(String field, BitSet set, int min, int max, String name, Map<String, Integer> names) {
            for (String item : field.split(",", -1)) {
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("Unexpected end of expression.");
                }
                int step = 1;
                String range = item;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    range = item.substring(0, slash);
                    step = number(item.substring(slash + 1), 1, max - min + 1, "Increment");
                    if (range.isEmpty()) {
                        throw new IllegalArgumentException("'/' must be preceded by a value or '*'");
                    }
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    if (range.equals("?")) {
                        throw new IllegalArgumentException("'?' can only be specified for Day-of-Month or Day-of-Week.");
                    }
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-", -1);
                    if (ends.length != 2) {
                        throw new IllegalArgumentException("Illegal characters for this position: '" + range + "'");
                    }
                    from = value(ends[0], min, max, name, names);
                    to = value(ends[1], min, max, name, names);
                } else {
                    from = value(range, min, max, name, names);
                    to = slash >= 0 ? max : from;
                }
                if (from <= to) {
                    for (int v = from; v <= to; v += step) {
                        set.set(v);
                    }
                } else {
                    // A range that wraps: 22-2 is 22, 23, 0, 1, 2.
                    int span = (max - min + 1);
                    int length = (to + span - from);
                    for (int k = 0; k <= length; k += step) {
                        set.set(min + ((from - min + k) % span));
                    }
                }
            }
        }

        private static int value(String s, int min, int max, String name, Map<String, Integer> names) {
            Integer named = names.get(s);
            if (named != null) {
                return named;
            }
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Illegal characters for this position: '" + s + "'");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " values must be between " + min + " and " + max);
            }
            return v;
        }

        private static int number(String s, int min, int max, String what) {
            try {
                int v = Integer.parseInt(s);
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(what + ": '" + s + "' must be between " + min + " and " + max);
        }
    }
}
