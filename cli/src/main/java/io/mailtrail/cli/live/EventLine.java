package io.mailtrail.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.schema.Field;
import io.mailtrail.schema.Fields;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One event as one line of text. It shows only what the event itself holds, which the tracker has already
 * redacted by the privacy policy (recipient domains and hashes, never addresses).
 */
public final class EventLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int MESSAGE_CHARS = 100;

    private EventLine() {
    }

    /** {@code 22:10:03.120Z billing sendgrid receipt failure provider_unavailable HTTP 503 attempt 2 (final) 41 ms "..."} */
    public static String call(JsonNode source) {
        List<String> parts = new ArrayList<>();
        parts.add(time(source));
        parts.add(text(source, Fields.SERVICE_NAME, "-"));
        parts.add(text(source, Fields.PROVIDER, "-"));
        parts.add(text(source, Fields.TEMPLATE, "-"));
        parts.add(text(source, Fields.EVENT_OUTCOME, "-"));
        String category = text(source, Fields.ERROR_CATEGORY, null);
        if (category != null) {
            parts.add(category);
        }
        String status = text(source, Fields.HTTP_RESPONSE_STATUS_CODE, null);
        String smtp = text(source, Fields.SMTP_REPLY_CODE, null);
        if (status != null) {
            parts.add("HTTP " + status);
        } else if (smtp != null) {
            parts.add(("SMTP " + smtp + " " + text(source, Fields.SMTP_ENHANCED_STATUS, "")).trim());
        }
        String attempt = text(source, Fields.ATTEMPT_NUMBER, null);
        if (attempt != null) {
            parts.add("attempt " + attempt + ("true".equals(text(source, Fields.ATTEMPT_FINAL, "")) ? " (final)" : ""));
        }
        String duration = text(source, Fields.EVENT_DURATION, null);
        if (duration != null) {
            try {
                parts.add(String.format(Locale.ROOT, "%.0f ms", Long.parseLong(duration) / 1e6));
            } catch (NumberFormatException ignored) {
                // not a number: leave it out
            }
        }
        String message = text(source, Fields.ERROR_MESSAGE, null);
        if (message != null) {
            parts.add("\"" + cut(message) + "\"");
        }
        return String.join(" ", parts);
    }

    /** {@code 22:10:03.120Z sendgrid bounced recipient_rejected "550 5.1.1 ..."} */
    public static String delivery(JsonNode source) {
        List<String> parts = new ArrayList<>();
        parts.add(time(source));
        parts.add(text(source, Fields.SERVICE_NAME, "-"));
        parts.add(text(source, Fields.PROVIDER, "-"));
        parts.add(text(source, Fields.TEMPLATE, "-"));
        parts.add(text(source, Fields.DELIVERY_STATUS, "-"));
        String category = text(source, Fields.ERROR_CATEGORY, null);
        if (category != null) {
            parts.add(category);
        }
        String reason = text(source, Fields.EVENT_REASON, null);
        if (reason != null) {
            parts.add("\"" + cut(reason) + "\"");
        }
        return String.join(" ", parts);
    }

    private static String time(JsonNode source) {
        String raw = text(source, Fields.TIMESTAMP, null);
        if (raw == null) {
            return "-";
        }
        try {
            return TIME.format(Instant.parse(raw)) + "Z";
        } catch (DateTimeParseException e) {
            return raw;
        }
    }

    private static String cut(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= MESSAGE_CHARS ? one : one.substring(0, MESSAGE_CHARS) + "…";
    }

    /** A field of a document, whether written with dotted keys ({@code "a.b": 1}) or as objects ({@code "a": {"b": 1}}). */
    public static String text(JsonNode source, Field field, String otherwise) {
        JsonNode value = value(source, field.name());
        if (value == null || value.isNull() || value.isMissingNode()) {
            return otherwise;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    static JsonNode value(JsonNode node, String dotted) {
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.has(dotted)) {
            return node.get(dotted);
        }
        int dot = dotted.indexOf('.');
        while (dot > 0) {
            JsonNode child = node.get(dotted.substring(0, dot));
            if (child != null) {
                JsonNode found = value(child, dotted.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = dotted.indexOf('.', dot + 1);
        }
        return null;
    }
}
