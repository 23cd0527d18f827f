package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitHeadersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0|PT0S",
            "120|PT2M",
            " 7 |PT7S",
            "Fri, 27 Nov 2026 12:01:30 GMT|PT1M30S",
            "Fri, 27 Nov 2026 11:00:00 GMT|PT0S",
            "-5|null",
            "1.5|null",
            "soon|null",
            "99999999999999999999|null",
            "Friday, 27-Nov-26 12:01:30 GMT|null",
    })
    void parsesRetryAfterSecondsAndHttpDates(String value, String expected) {
        Duration parsed = RateLimitHeaders.parseDelayOrDate(value, ClassifierCase.CLOCK);
        assertThat(parsed).isEqualTo(expected == null ? null : Duration.parse(expected));
    }
}
