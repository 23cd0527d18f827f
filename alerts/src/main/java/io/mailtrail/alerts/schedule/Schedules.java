package io.mailtrail.alerts.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.WatchException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code trigger.schedule} objects as Watcher's {@code ScheduleRegistry} does: one type key and an
 * optional {@code timezone} (cron-based types only); hourly/daily/weekly/monthly/yearly compile to crons.
 */
public final class Schedules {

    private static final Pattern HH_MM = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([smhdw])");
    private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final String[] MONTH_NAMES = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

    private Schedules() {
    }

    /**
     * Parses a schedule object.
     *
     * @throws WatchException (parse) with Watcher's message
     */
    public static Schedule parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw WatchException.parse("expected a schedule object, but found [" + Json.token(node) + "]");
        }
        String type = null;
        JsonNode body = null;
        String zone = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("timezone")) {
                if (!e.getValue().isTextual()) {
                    throw WatchException.parse("could not parse schedule. expected a string value for [timezone], but found [" + Json.token(e.getValue()) + "]");
                }
                zone = e.getValue().textValue();
            } else if (type == null) {
                type = e.getKey();
                body = e.getValue();
            } else {
                throw WatchException.parse("could not parse schedule. expected one schedule type, but found [" + type + "] and [" + e.getKey() + "]");
            }
        }
        if (type == null) {
            throw WatchException.parse("could not parse schedule. expected a schedule type field, but no fields were found");
        }
        if (type.equals("interval")) {
            if (zone != null) {
                throw WatchException.parse("could not parse schedule. Timezone is not supported for schedule type [interval]");
            }
            return new IntervalSchedule(interval(body));
        }
        ZoneId z = zone == null ? ZoneOffset.UTC : zone(zone);
        List<String> crons = switch (type) {
            case "cron" -> cronStrings(body);
            case "hourly" -> hourly(body);
            case "daily" -> daily(body);
            case "weekly" -> weekly(body);
            case "monthly" -> monthly(body);
            case "yearly" -> yearly(body);
            default -> throw WatchException.parse("could not parse schedule. unknown schedule type [" + type + "]");
        };
        List<Cron> compiled = new ArrayList<>();
        for (String c : crons) {
            try {
                compiled.add(Cron.parse(c));
            } catch (IllegalArgumentException e) {
                throw WatchException.parse("could not parse [" + type + "] schedule", e);
            }
        }
        return new CronSchedule(type, compiled, z);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            for (String known : ZoneId.getAvailableZoneIds()) {
                if (known.equalsIgnoreCase(id)) {
                    return ZoneId.of(known);
                }
            }
            throw WatchException.parse("could not parse schedule. invalid timezone [" + id + "]");
        }
    }

    private static long interval(JsonNode body) {
        String prefix = "could not parse [interval] schedule. ";
        if (body.isNumber()) {
            long seconds = body.asLong();
            if (seconds < 1) {
                throw WatchException.parse(prefix + "interval can't be lower than 1000 ms, but [" + body + "] was passed");
            }
            return seconds * 1000;
        }
        if (body.isTextual()) {
            Matcher m = INTERVAL.matcher(body.textValue().trim());
            if (!m.matches()) {
                throw WatchException.parse(prefix + "unrecognized interval format [" + body.textValue() + "]");
            }
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                default -> 7 * 86_400_000L;
            };
            if (n < 1) {
                throw WatchException.parse(prefix + "interval can't be lower than 1000 ms, but [" + body.textValue() + "] was passed");
            }
            return n * unit;
        }
        throw WatchException.parse(prefix + "expected either a numeric value (millis) or a string value representing time value, but found ["
                + Json.token(body) + "]");
    }

    private static List<String> cronStrings(JsonNode body) {
        List<String> out = new ArrayList<>();
        if (body.isTextual()) {
            out.add(body.textValue());
        } else if (body.isArray()) {
            if (body.isEmpty()) {
                throw WatchException.parse("could not parse [cron] schedule. no cron expression found in cron array");
            }
            body.forEach(n -> {
                if (!n.isTextual()) {
                    throw WatchException.parse("could not parse [cron] schedule. cron expressions must be strings, but found [" + Json.token(n) + "]");
                }
                out.add(n.textValue());
            });
        } else {
            throw WatchException.parse("could not parse [cron] schedule. expected either a cron string value or an array of cron string values, but found ["
                    + Json.token(body) + "]");
        }
        return out;
    }

    private static List<String> hourly(JsonNode body) {
        String prefix = "could not parse [hourly] schedule. ";
        TreeSet<Integer> minutes = new TreeSet<>();
        requireObject(body, "hourly");
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("minute")) {
                throw WatchException.parse(prefix + "unexpected field [" + e.getKey() + "]");
            }
            for (JsonNode v : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                int m = v.isNumber() ? v.asInt() : parseInt(v.asText(), prefix + "invalid value for [minute]");
                if (m < 0 || m > 59) {
                    throw WatchException.parse(prefix + "invalid value for [minute]",
                            new IllegalArgumentException("invalid hourly minute [" + m + "]. minute must be between 0 and 59 incl."));
                }
                minutes.add(m);
            }
        }
        if (minutes.isEmpty()) {
            minutes.add(0);
        }
        return List.of("0 " + join(minutes) + " * * * ?");
    }

    private static List<String> daily(JsonNode body) {
        requireObject(body, "daily");
        List<DayTimes> times = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("at")) {
                throw WatchException.parse("could not parse [daily] schedule. unexpected field [" + e.getKey() + "]");
            }
            times.addAll(dayTimes(e.getValue(), "daily", "at"));
        }
        if (times.isEmpty()) {
            times.add(DayTimes.MIDNIGHT);
        }
        return times.stream().map(t -> "0 " + join(t.minutes) + " " + join(t.hours) + " * * ?").toList();
    }

    private static List<String> weekly(JsonNode body) {
        return datedCrons(body, "weekly", "invalid weekly times", () -> {
            TreeSet<Integer> days = new TreeSet<>();
            Consumer<JsonNode> day = d -> days.add(dayOfWeek(d));
            return new Dates(Map.of("on", day, "day", day), () -> "? * " + names(days.isEmpty() ? Set.of(2) : days, DAY_NAMES));
        });
    }

    private static List<String> monthly(JsonNode body) {
        return datedCrons(body, "monthly", "invalid month times", () -> {
            List<String> days = new ArrayList<>();
            Consumer<JsonNode> day = d -> days.add(dayOfMonth(d));
            return new Dates(Map.of("on", day, "day", day), () -> (days.isEmpty() ? "1" : String.join(",", days)) + " * ?");
        });
    }

    private static List<String> yearly(JsonNode body) {
        return datedCrons(body, "yearly", "invalid year times", () -> {
            TreeSet<Integer> months = new TreeSet<>();
            List<String> days = new ArrayList<>();
            Consumer<JsonNode> month = m -> months.add(month(m));
            Consumer<JsonNode> day = d -> days.add(dayOfMonth(d));
            return new Dates(Map.of("in", month, "month", month, "on", day, "day", day),
                    () -> (days.isEmpty() ? "1" : String.join(",", days)) + " " + names(months.isEmpty() ? Set.of(1) : months, MONTH_NAMES) + " ?");
        });
    }

    /**
     * The dates of one weekly, monthly or yearly object: what reads each value of each date field, and the cron's
     * day-of-month, month and day-of-week fields once they are read (the type's defaults if none were).
     */
    private record Dates(Map<String, Consumer<JsonNode>> fields, Supplier<String> cronFields) {
    }

    /**
     * A weekly, monthly or yearly body: one object or an array of them, each giving one cron per time of day
     * ({@code at}/{@code time}, midnight if none) on the dates its other fields name; an unknown field or a bad
     * value fails as {@code could not parse [<type>] schedule. <invalid>}.
     */
    private static List<String> datedCrons(JsonNode body, String type, String invalid, Supplier<Dates> newDates) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : body.isArray() ? body : List.of(body)) {
            requireObject(item, type);
            Dates dates = newDates.get();
            List<DayTimes> times = new ArrayList<>();
            try {
                for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Consumer<JsonNode> field = dates.fields().get(e.getKey());
                    if (e.getKey().equals("at") || e.getKey().equals("time")) {
                        times.addAll(dayTimes(e.getValue(), type, e.getKey()));
                    } else if (field != null) {
                        for (JsonNode v : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                            field.accept(v);
                        }
                    } else {
                        throw new IllegalArgumentException("unexpected field [" + e.getKey() + "]");
                    }
                }
            } catch (IllegalArgumentException | WatchException e) {
                throw WatchException.parse("could not parse [" + type + "] schedule. " + invalid, e);
            }
            if (times.isEmpty()) {
                times.add(DayTimes.MIDNIGHT);
            }
            String dateFields = dates.cronFields().get();
            for (DayTimes t : times) {
                out.add("0 " + join(t.minutes) + " " + join(t.hours) + " " + dateFields);
            }
        }
        return out;
    }

    /** Hours and minutes of one time of day. */
    private record DayTimes(TreeSet<Integer> hours, TreeSet<Integer> minutes) {
        static final DayTimes MIDNIGHT = of(0, 0);

        static DayTimes of(int h, int m) {
            return new DayTimes(new TreeSet<>(List.of(h)), new TreeSet<>(List.of(m)));
        }
    }

    private static List<DayTimes> dayTimes(JsonNode value, String type, String field) {
        String prefix = "could not parse [" + type + "] schedule. ";
        List<DayTimes> out = new ArrayList<>();
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (v.isTextual()) {
                String s = v.textValue().trim().toLowerCase(Locale.ROOT);
                if (s.equals("noon")) {
                    out.add(DayTimes.of(12, 0));
                } else if (s.equals("midnight")) {
                    out.add(DayTimes.of(0, 0));
                } else {
                    Matcher m = HH_MM.matcher(s);
                    if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
                        throw WatchException.parse(prefix + "invalid time value for field [" + field + "] - [VALUE_STRING]");
                    }
                    out.add(DayTimes.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            } else if (v.isObject()) {
                TreeSet<Integer> hours = new TreeSet<>();
                TreeSet<Integer> minutes = new TreeSet<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    TreeSet<Integer> target = switch (e.getKey()) {
                        case "hour" -> hours;
                        case "minute" -> minutes;
                        default -> throw WatchException.parse(prefix + "invalid time field [" + e.getKey() + "]");
                    };
                    int max = e.getKey().equals("hour") ? 23 : 59;
                    for (JsonNode n : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                        int i = n.isNumber() ? n.asInt() : parseInt(n.asText(), prefix + "invalid " + e.getKey());
                        if (i < 0 || i > max) {
                            throw WatchException.parse(prefix + "invalid time value for field [" + field + "] - [START_OBJECT]",
                                    new IllegalArgumentException("invalid time " + e.getKey() + " value [" + i + "]"));
                        }
                        target.add(i);
                    }
                }
                if (hours.isEmpty()) {
                    hours.add(0);
                }
                if (minutes.isEmpty()) {
                    minutes.add(0);
                }
                out.add(new DayTimes(hours, minutes));
            } else {
                throw WatchException.parse(prefix + "invalid time value for field [" + field + "] - [" + Json.token(v) + "]");
            }
        }
        return out;
    }

    private static int dayOfWeek(JsonNode d) {
        if (d.isNumber()) {
            int n = d.asInt();
            if (n >= 1 && n <= 7) {
                return n;
            }
            throw new IllegalArgumentException("invalid day of week [" + n + "]");
        }
        String s = d.asText().trim().toUpperCase(Locale.ROOT);
        if (s.matches("[1-7]")) {
            return Integer.parseInt(s);
        }
        for (int i = 0; i < 7; i++) {
            String full = java.time.DayOfWeek.of(i == 0 ? 7 : i).name();
            if (s.equals(DAY_NAMES[i]) || s.equals(full)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unknown day of week [" + d.asText() + "]");
    }

    private static String dayOfMonth(JsonNode d) {
        if (d.isNumber()) {
            int n = d.asInt();
            if (n < 1 || n > 31) {
                throw new IllegalArgumentException("invalid month day [" + n + "]");
            }
            return Integer.toString(n);
        }
        String s = d.asText().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "first_day" -> "1";
            case "last_day" -> "L";
            default -> {
                int n = parseInt(s, "invalid month day [" + s + "]");
                if (n < 1 || n > 31) {
                    throw new IllegalArgumentException("invalid month day [" + n + "]");
                }
                yield Integer.toString(n);
            }
        };
    }

    private static int month(JsonNode d) {
        String s = d.asText().trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < 12; i++) {
            if (s.equals(MONTH_NAMES[i]) || s.equals(java.time.Month.of(i + 1).name())) {
                return i + 1;
            }
        }
        int n = d.isNumber() ? d.asInt() : parseInt(s, "invalid month [" + d.asText() + "]");
        if (n < 1 || n > 12) {
            throw WatchException.parse("invalid month [" + d.asText() + "]");
        }
        return n;
    }

    private static void requireObject(JsonNode body, String type) {
        if (!body.isObject()) {
            throw WatchException.parse("could not parse [" + type + "] schedule. expected an object, but found [" + Json.token(body) + "]");
        }
    }

    private static int parseInt(String s, String message) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw WatchException.parse(message);
        }
    }

    private static String join(TreeSet<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    /** {@code values} (1-based) as their {@code names}, comma-separated, in the set's order. */
    private static String names(Set<Integer> values, String[] names) {
        return String.join(",", values.stream().map(v -> names[v - 1]).toList());
    }
}
