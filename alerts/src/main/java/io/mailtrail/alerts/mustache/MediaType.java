package io.mailtrail.alerts.mustache;

import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How a template's values are encoded, by the template's content type (lang-mustache's {@code content_type}
 * option). There is never HTML escaping.
 */
public enum MediaType {
    /** {@code application/json}: values are JSON-string escaped (the default of lang-mustache, used for search bodies). */
    JSON("application/json"),
    /** {@code text/plain}: values are written unchanged (Watcher's text templates: subjects, bodies). */
    TEXT("text/plain"),
    /** {@code application/x-www-form-urlencoded}: values are URL-encoded. */
    FORM("application/x-www-form-urlencoded");

    private final String id;

    MediaType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The media type of a {@code content_type} option. */
    public static MediaType of(String contentType) {
        if (contentType == null) {
            return JSON;
        }
        String c = contentType.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        if (c.equals("application/json") || c.equals("application/json;charset=utf-8")) {
            return JSON;
        }
        for (MediaType t : values()) {
            if (t.id.equals(c)) {
                return t;
            }
        }
        throw new IllegalArgumentException("No encoder found for media type [" + contentType + "]");
    }

    void encode(String value, Writer writer) throws IOException {
        switch (this) {
            case JSON -> writer.write(jsonEscape(value));
            case TEXT -> writer.write(value);
            case FORM -> writer.write(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
