package io.mailtrail.logback.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.logback.route.Route;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mailtrail.logback.TestEvents.event;
import static io.mailtrail.logback.TestEvents.strict;
import static org.assertj.core.api.Assertions.assertThat;

class EcsJsonEncoderTest {

    private final LoggerContext ctx = new LoggerContext();
    private final EcsJsonEncoder encoder = new EcsJsonEncoder();
    private final Route route = new Route("logs-mailtrail.calls-prod", "logs", "mailtrail.calls", "prod");

    @BeforeEach
    void start() {
        encoder.setContext(ctx);
        encoder.setServiceName("billing");
        encoder.setServiceEnvironment("production");
        encoder.setHostName("app-1");
        encoder.setMaxMessageChars(20);
        encoder.setMaxStackTraceChars(400);
        encoder.start();
    }

    @AfterEach
    void stop() {
        encoder.stop();
    }

    private JsonNode encode(LoggingEvent e) throws Exception {
        byte[] bytes = encoder.encode(new RoutedEvent(e, "id-1", route));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n");
        return strict(bytes);
    }

    @Test
    void writesEcsFieldsWithDottedKeyValuePairsAndTypedValues() throws Exception {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("event.outcome", "failure");
        kv.put("http.response.status_code", 429);
        kv.put("mailtrail.error.retryable", true);
        kv.put("email.to.address", List.of("a@example.com", "b@example.com"));
        kv.put("labels", Map.of("campaign", "welcome"));
        kv.put("data_stream.dataset", "mailtrail.calls");
        JsonNode doc = encode(event(ctx, "mailtrail.calls", "sent", null, kv));

        assertThat(doc.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(doc.get("message").asText()).isEqualTo("sent");
        assertThat(doc.get("log.level").asText()).isEqualTo("INFO");
        assertThat(doc.get("log.logger").asText()).isEqualTo("mailtrail.calls");
        assertThat(doc.get("process.thread.name").asText()).isNotEmpty();
        assertThat(doc.get("event.outcome").asText()).isEqualTo("failure");
        assertThat(doc.get("http.response.status_code").isIntegralNumber()).isTrue();
        assertThat(doc.get("mailtrail.error.retryable").isBoolean()).isTrue();
        assertThat(doc.get("email.to.address").isArray()).isTrue();
        assertThat(doc.get("labels").get("campaign").asText()).isEqualTo("welcome");
        assertThat(doc.get("service.name").asText()).isEqualTo("billing");
        assertThat(doc.get("service.environment").asText()).isEqualTo("production");
        assertThat(doc.get("host.name").asText()).isEqualTo("app-1");
        assertThat(doc.get("ecs.version").asText()).isEqualTo("9.4.0");
        assertThat(doc.get("event.id").asText()).isEqualTo("id-1");
        assertThat(doc.get("data_stream.type").asText()).isEqualTo("logs");
        assertThat(doc.get("data_stream.dataset").asText()).isEqualTo("mailtrail.calls");
        assertThat(doc.get("data_stream.namespace").asText()).isEqualTo("prod");
        assertThat(doc.has("tags")).isFalse();
    }

    @Test
    void keyValuePairWinsOverTheEncodersOwnFieldWithoutDuplicateKeys() throws Exception {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("message", "from kv");
        kv.put("log.level", "custom");
        kv.put("host.name", "kv-host");
        kv.put("data_stream.namespace", "other");
        LoggingEvent e = event(ctx, "x", "from logger", null, kv);
        e.setMDCPropertyMap(Map.of("message", "from mdc", "trace.id", "t1"));
        e.addMarker(Markers.append("host.name", Map.of("nested", "object")));
        e.setArgumentArray(new Object[]{StructuredArguments.kv("log.level", "arg")});

        JsonNode doc = encode(e); // strict parsing: a duplicate key would throw

        assertThat(doc.get("message").asText()).isEqualTo("from kv");
        assertThat(doc.get("log.level").asText()).isEqualTo("custom");
        assertThat(doc.get("host.name").asText()).isEqualTo("kv-host");
        assertThat(doc.get("trace.id").asText()).isEqualTo("t1");
        // the routed namespace wins: the document must match the data stream it goes to
        assertThat(doc.get("data_stream.namespace").asText()).isEqualTo("prod");
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValue() throws Exception {
        LoggingEvent e = event(ctx, "x", "m", null, null);
        e.addKeyValuePair(new KeyValuePair("k", "first"));
        e.addKeyValuePair(new KeyValuePair("k", "second"));
        assertThat(encode(e).get("k").asText()).isEqualTo("second");
    }

    @Test
    void longMessagesAreCutAndTagged() throws Exception {
        JsonNode doc = encode(event(ctx, "x", "0123456789".repeat(5), null, null));
        assertThat(doc.get("message").asText()).hasSize(20);
        assertThat(doc.get("tags").get(0).asText()).isEqualTo(TruncatingMessageJsonProvider.TRUNCATED_TAG);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() throws Exception {
        String message = "a".repeat(19) + "\uD83D\uDE00" + "tail";
        JsonNode doc = encode(event(ctx, "x", message, null, null));
        assertThat(doc.get("message").asText()).isEqualTo("a".repeat(19));
    }

    @Test
    void loneSurrogatesAndControlCharactersGiveValidJson() throws Exception {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("bad\uD800key", "x\uDC00y");
        kv.put("ctl", "a\u0000b\u001Fc\u007F");
        JsonNode doc = encode(event(ctx, "x", "m\uD800\u0001", null, kv));
        assertThat(doc.get("message").asText()).isEqualTo("m\uFFFD\u0001");
        assertThat(doc.get("bad\uFFFDkey").asText()).isEqualTo("x\uFFFDy");
        assertThat(doc.get("ctl").asText()).isEqualTo("a\u0000b\u001Fc\u007F");
    }

    @Test
    void throwableBecomesErrorFieldsWithACappedStackTrace() throws Exception {
        JsonNode doc = encode(event(ctx, "x", "boom", deep(50), null));
        assertThat(doc.get("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(doc.get("error.message").asText()).isEqualTo("depth 0");
        assertThat(doc.get("error.stack_trace").asText()).startsWith("java.lang.IllegalStateException: depth 0");
        assertThat(doc.get("error.stack_trace").asText().length()).isLessThanOrEqualTo(400);
    }

    @Test
    void oddValuesAreWrittenAsTextAndNeverFailTheEvent() throws Exception {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("nullValue", null);
        kv.put("nan", Double.NaN);
        kv.put("throwingToString", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        });
        Map<String, Object> selfReferencing = new LinkedHashMap<>();
        selfReferencing.put("me", selfReferencing);
        kv.put("cycle", selfReferencing);
        kv.put("array", new int[]{1, 2});
        JsonNode doc = encode(event(ctx, "x", "m", null, kv));
        assertThat(doc.get("nullValue").isNull()).isTrue();
        assertThat(doc.get("nan").asText()).isEqualTo("NaN");
        assertThat(doc.get("throwingToString").asText()).contains("toString() failed");
        assertThat(doc.get("cycle").isObject()).isTrue();
        assertThat(doc.get("array").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void anEventThatWasNotRoutedHasNoEnvelope() throws Exception {
        JsonNode doc = strict(encoder.encode(event(ctx, "x", "m", null, null)));
        assertThat(doc.has("event.id")).isFalse();
        assertThat(doc.has("data_stream.type")).isFalse();
    }

    private static Throwable deep(int depth) {
        try {
            recurse(depth);
            return null;
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static void recurse(int n) {
        if (n == 0) {
            throw new IllegalStateException("depth 0");
        }
        recurse(n - 1);
    }
}
