package io.mailtrail.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as a {@link FakeProviderServer} received it.
 *
 * @param method  HTTP method
 * @param path    decoded path
 * @param query   raw query string, or null
 * @param headers request headers; names compare case-insensitively
 * @param body    the body as UTF-8 text (empty for none)
 * @param answer  what the server did with it (the answer it sent, or a dropped connection)
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
        Answer answer) {

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The body read as {@code application/x-www-form-urlencoded} (classic SES's query API; Mailgun sends
     * multipart or url-encoded forms: only the url-encoded kind is read here). Last value wins for a repeated name.
     */
    public Map<String, String> formParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
