package io.mailtrail.logback.privacy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.mailtrail.logback.encoder.EcsJsonEncoder;
import io.mailtrail.logback.encoder.RoutedEvent;
import io.mailtrail.logback.route.Route;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static io.mailtrail.logback.TestEvents.event;
import static io.mailtrail.logback.TestEvents.strict;
import static org.assertj.core.api.Assertions.assertThat;

/** The application's MDC never reaches a mailtrail event verbatim; other events follow include/exclude. */
class MdcPrivacyTest {

    private static final String ADDRESS = "alice.smith@shop.example";
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9x.payloadpayload.signature";
    private static final Route CALLS = new Route("logs-mailtrail.calls-prod", "logs", "mailtrail.calls", "prod");
    private static final Route APP = new Route("logs-myapp-prod", "logs", "myapp", "prod");

    private final LoggerContext ctx = new LoggerContext();

    private static Map<String, String> applicationMdc() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("trace.id", "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.put("span.id", "00f067aa0ba902b7");
        mdc.put("user.email", ADDRESS);
        mdc.put("http.request.header.authorization", "Bearer " + TOKEN);
        mdc.put("tenant", "acme");
        mdc.put("note", "called by " + ADDRESS + " with Bearer " + TOKEN);
        return mdc;
    }

    private String encode(String logger, Route route, Consumer<EcsJsonEncoder> configure) throws Exception {
        EcsJsonEncoder encoder = new EcsJsonEncoder();
        encoder.setContext(ctx);
        configure.accept(encoder);
        encoder.start();
        try {
            LoggingEvent e = event(ctx, logger, "sent", null, Map.of("data_stream.dataset", route.dataset()));
            e.setMDCPropertyMap(applicationMdc());
            return new String(encoder.encode(new RoutedEvent(e, "id-1", route)), StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
        }
    }

    @Test
    void aMailtrailEventKeepsOnlyTheTraceIdsOfTheMdc() throws Exception {
        String json = encode("mailtrail.calls", CALLS, e -> { });
        assertThat(json).doesNotContain(ADDRESS).doesNotContain("alice").doesNotContain(TOKEN).doesNotContain("Bearer")
                .doesNotContain("user.email").doesNotContain("tenant");
        assertThat(strict(json).get("trace.id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(strict(json).get("span.id").asText()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void allowListedKeysOfAMailtrailEventAreRedacted() throws Exception {
        String json = encode("mailtrail.calls", CALLS, e -> e.addMailtrailMdcKeyName("user.email, note,tenant,http.request.header.authorization"));
        assertThat(json).doesNotContain(ADDRESS).doesNotContain("alice").doesNotContain(TOKEN);
        assertThat(strict(json).get("user.email").asText()).isEqualTo("<redacted>@shop.example");
        assertThat(strict(json).get("http.request.header.authorization").asText()).isEqualTo("<masked>");
        assertThat(strict(json).get("note").asText()).isEqualTo("called by <redacted>@shop.example with Bearer <masked>");
        assertThat(strict(json).get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void anEventOfTheMailtrailLoggerIsProtectedWhateverItsRoute() throws Exception {
        String json = encode("mailtrail.delivery", APP, e -> { });
        assertThat(json).doesNotContain(ADDRESS).doesNotContain(TOKEN).contains("\"trace.id\"");
    }

    @Test
    void otherEventsFollowIncludeAndExclude() throws Exception {
        String all = encode("app.billing", APP, e -> { });
        assertThat(strict(all).get("user.email").asText()).isEqualTo(ADDRESS);
        assertThat(strict(all).get("tenant").asText()).isEqualTo("acme");

        String included = encode("app.billing", APP, e -> e.addIncludeMdcKeyName("tenant"));
        assertThat(strict(included).has("tenant")).isTrue();
        assertThat(strict(included).has("user.email")).isFalse();
        assertThat(strict(included).has("trace.id")).isFalse();

        String excluded = encode("app.billing", APP, e -> {
            e.addExcludeMdcKeyName("user.email");
            e.addExcludeMdcKeyName("note");
        });
        assertThat(excluded).doesNotContain(ADDRESS);
        assertThat(strict(excluded).has("tenant")).isTrue();

        String redacted = encode("app.billing", APP, e -> e.setRedactMdc(true));
        assertThat(redacted).doesNotContain(ADDRESS).doesNotContain(TOKEN);
        assertThat(strict(redacted).get("user.email").asText()).isEqualTo("<redacted>@shop.example");
    }

    @Test
    void theRedactorMasksSecretsAndAddressesAndLeavesPlainValues() {
        ValueRedactor r = new ValueRedactor();
        assertThat(r.redact("order-42")).isEqualTo("order-42");
        assertThat(r.redact("4bf92f3577b34da6a3ce929d0e0e4736")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(r.redact("to bob%40example.org")).isEqualTo("to <redacted>@example.org");
        assertThat(r.redact("https://user:pw@host/x")).isEqualTo("https://<masked>@host/x");
        assertThat(r.redact("api_key=abc123def")).isEqualTo("api_key=<masked>");
        assertThat(r.redact("key SG.abcdefghij.klmnopqrstu")).isEqualTo("key <masked>");
        assertThat(r.redact("api.key", "plain")).isEqualTo("<masked>");
        assertThat(r.redact("X-Auth-Token", "plain")).isEqualTo("<masked>");
        assertThat(r.redact("session.password", "plain")).isEqualTo("<masked>");
        assertThat(r.redact("monkey", "plain")).isEqualTo("plain");
    }
}
