package io.mailtrail.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scripted answer of a {@link FakeProviderServer}: status, headers (a name may repeat), body, a delay before
 * answering, or a dropped connection instead of any answer.
 *
 * <p>Immutable; the {@code with...} methods return a changed copy. The provider-shaped answers come from the
 * server ({@link FakeProviderServer#accepted()}, {@link FakeProviderServer#error(int, String, String)} ...);
 * {@link #of(int, String)} builds any other.
 *
 * @param status    HTTP status (ignored when {@code drop})
 * @param headers   response headers, in order
 * @param body      response body, null or empty for none
 * @param delay     how long to wait before answering (or dropping): makes a client's read timeout fire
 * @param drop      close the connection without answering (the client sees a reset / premature EOF)
 * @param messageId the message id this answer carries as the provider's own classifier reads it (angle brackets
 *                  stripped), null for answers without one
 */
public record Answer(int status, Map<String, List<String>> headers, String body, Duration delay, boolean drop,
        String messageId) {

    public Answer {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(copy);
        delay = delay == null ? Duration.ZERO : delay;
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " is negative");
        }
    }

    /** A plain answer: {@code status} and {@code body} (null for none), no headers. */
    public static Answer of(int status, String body) {
        return new Answer(status, Map.of(), body, Duration.ZERO, false, null);
    }

    /** An answer with a JSON body and {@code Content-Type: application/json}. */
    public static Answer json(int status, String body) {
        return of(status, body).withHeader("Content-Type", "application/json");
    }

    /** No answer at all: the server closes the connection once the request is read. */
    public static Answer dropConnection() {
        return new Answer(0, Map.of(), null, Duration.ZERO, true, null);
    }

    /** This answer with one more header; several values make a multi-valued header. */
    public Answer withHeader(String name, String... values) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        List<String> all = new ArrayList<>(more.getOrDefault(name, List.of()));
        all.addAll(Arrays.asList(values));
        more.put(name, all);
        return new Answer(status, more, body, delay, drop, messageId);
    }

    /** This answer with {@code Retry-After: <whole seconds>}. */
    public Answer withRetryAfter(Duration wait) {
        return withHeader("Retry-After", Long.toString(wait.toSeconds()));
    }

    /** This answer sent (or the connection dropped) only after {@code wait}. */
    public Answer withDelay(Duration wait) {
        return new Answer(status, headers, body, wait, drop, messageId);
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    Answer withMessageId(String id) {
        return new Answer(status, headers, body, delay, drop, id);
    }
}
