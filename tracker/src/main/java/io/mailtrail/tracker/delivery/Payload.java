package io.mailtrail.tracker.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict reading of one provider's webhook JSON: every problem becomes a {@link DeliveryPayloadException} that
 * names the provider, where and what — never a payload value, since payloads are full of addresses.
 */
final class Payload {

    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // exact fractional seconds: a double would turn Mailgun's .908181 into .908180952
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.])([245]\\d\\d)(?![\\d.])");
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");

    private final String provider;

    Payload(String provider) {
        this.provider = provider;
    }

    DeliveryPayloadException problem(String what) {
        return new DeliveryPayloadException(provider + " webhook payload: " + what);
    }

    JsonNode parse(String json) throws DeliveryPayloadException {
        if (json == null || json.isBlank()) {
            throw problem("the body is empty");
        }
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending token: keep only the location
            throw problem("the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    JsonNode object(JsonNode parent, String field, String where) throws DeliveryPayloadException {
        return present(parent, field, where, JsonNode::isObject, "a JSON object");
    }

    JsonNode array(JsonNode parent, String field, String where) throws DeliveryPayloadException {
        return present(parent, field, where, JsonNode::isArray, "a JSON array");
    }

    String text(JsonNode parent, String field, String where) throws DeliveryPayloadException {
        return present(parent, field, where, n -> n.isTextual() && !n.asText().isBlank(), "a non-empty string").asText();
    }

    /** A field that must be there (not null) and have the expected shape. */
    private JsonNode present(JsonNode parent, String field, String where, Predicate<JsonNode> shape, String shapeName)
            throws DeliveryPayloadException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw problem(where + " has no '" + field + "'");
        }
        if (!shape.test(node)) {
            throw problem(where + " '" + field + "' is not " + shapeName);
        }
        return node;
    }

    /** A non-blank textual field, else null (absent, null, blank or not a string). */
    static String optText(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    Instant isoTime(JsonNode parent, String field, String where) throws DeliveryPayloadException {
        String text = text(parent, field, where);
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime odt ? odt.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw problem(where + " '" + field + "' is not an ISO-8601 date-time");
        }
    }

    /** Unix seconds, possibly fractional (Mailgun), as a number or a numeric string. */
    Instant epochTime(JsonNode parent, String field, String where) throws DeliveryPayloadException {
        JsonNode node = present(parent, field, where, n -> n.isNumber() || n.isTextual(), "a Unix time in seconds");
        try {
            BigDecimal seconds;
            if (node.isNumber()) {
                seconds = node.decimalValue();
            } else {
                seconds = new BigDecimal(node.asText().strip());
            }
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw problem(where + " '" + field + "' is not a Unix time in seconds");
        }
    }

    /** Every field of an object the application set, as text: scalars as they are, objects and arrays as JSON. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(e -> {
                String value = asString(e.getValue());
                if (value != null) {
                    out.put(e.getKey(), value);
                }
            });
        }
        return out;
    }

    static String asString(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The first SMTP reply code (2xx/4xx/5xx) in server text such as {@code smtp; 550 5.1.1 user unknown}. */
    static Integer smtpReplyCode(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REPLY_CODE.matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The first RFC 3463 enhanced status code in server text. */
    static String enhancedStatus(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
