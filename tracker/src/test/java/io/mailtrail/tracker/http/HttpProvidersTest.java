package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HttpProvidersTest {

    @ParameterizedTest
    @CsvSource({"ses, ses", "SES, ses", " SendGrid , sendgrid", "MAILGUN, mailgun", "Postmark, postmark", "resend, resend"})
    void findsClassifierByName(String name, String expected) {
        assertThat(HttpProviders.forName(name).provider()).isEqualTo(expected);
    }

    @Test
    void factoriesNameTheirProvider() {
        assertThat(List.of(HttpProviders.ses(), HttpProviders.sendgrid(), HttpProviders.mailgun(), HttpProviders.postmark(),
                HttpProviders.resend())).extracting(ProviderResponseClassifier::provider).containsExactlyElementsOf(HttpProviders.NAMES);
    }

    @Test
    void unknownNameIsRejectedWithTheValueAndTheKnownNames() {
        assertThatThrownBy(() -> HttpProviders.forName("brevo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'brevo'")
                .hasMessageContaining("ses, sendgrid, mailgun, postmark, resend");
        assertThatThrownBy(() -> HttpProviders.forName(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'null'");
    }

    static Stream<Arguments> oddResponses() {
        List<String> bodies = java.util.Arrays.asList(null, "", "   ", "<html><body>Oops</body></html>", "{bad json", "[]", "[1,2]",
                "123", "\"text\"", "null", "{\"errors\":\"not an array\"}", "{\"errors\":[1,null,{\"message\":7}]}",
                "{\"ErrorCode\":\"abc\",\"Message\":{}}", "{\"ErrorCode\":99999999999}", "{\"id\":{\"nested\":true}}",
                "{\"MessageId\":[]}", "{\"name\":42,\"message\":null}", "[{\"ErrorCode\":\"x\"}]", "{\"message\":\"" + "x".repeat(5000) + "\"}");
        List<Arguments> args = new ArrayList<>();
        for (String provider : HttpProviders.NAMES) {
            for (int status : new int[] {200, 202, 401, 413, 429, 503, 302, 999}) {
                for (String body : bodies) {
                    args.add(Arguments.of(provider, status, body));
                }
            }
        }
        return args.stream();
    }

    /** Whatever a provider, proxy or load balancer answers, classification is sound and never throws. */
    @ParameterizedTest(name = "{0} status {1} body #{index}")
    @MethodSource("oddResponses")
    void neverThrowsAndStaysConsistentWithTheStatus(String provider, int status, String body) {
        HttpCallResult result = HttpProviders.forName(provider)
                .classify(new HttpResponseView(status, Map.of("Retry-After", List.of("not a date")), body));
        if (result.outcome() == Outcome.SUCCESS) {
            assertThat(status).isBetween(200, 299);
            assertThat(result.errorCategory()).isNull();
            assertThat(result.errorCode()).isNull();
        } else {
            assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(result.errorCategory()).isNotNull();
            assertThat(result.errorCode()).isNotBlank();
            assertThat(result.messageId()).isNull();
            if (status >= 500 && status < 600) {
                assertThat(result.errorCategory()).isEqualTo(ErrorCategory.PROVIDER_UNAVAILABLE);
                assertThat(result.retryable()).isTrue();
            }
            if (status == 429) {
                assertThat(result.errorCategory()).isEqualTo(ErrorCategory.RATE_LIMITED);
            }
        }
        assertThat(result.retryAfter()).isNull();
        if (result.errorMessage() != null) {
            assertThat(result.errorMessage()).hasSizeLessThanOrEqualTo(ProviderText.MAX_LENGTH).doesNotContain("\r", "\n");
        }
    }
}
