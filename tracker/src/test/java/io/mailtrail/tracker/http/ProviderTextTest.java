package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Found inactive addresses: jane.doe+news@example.com.|Found inactive addresses: <redacted>@example.com.",
            "smtp; 550 5.1.1 <bob_o'neil@mail.example.co.uk>: Recipient address rejected|smtp; 550 5.1.1 <<redacted>@mail.example.co.uk>: Recipient address rejected",
            "to: A@B.EXAMPLE.ORG, c@d.example|to: <redacted>@B.EXAMPLE.ORG, <redacted>@d.example",
            "no address here|no address here",
            "user@localhost stays (no dot in domain)|user@localhost stays (no dot in domain)",
    })
    void redactsLocalPartsOfAddresses(String raw, String expected) {
        assertThat(ProviderText.clean(raw)).isEqualTo(expected);
    }

    @Test
    void neutralisesLineBreaksAndControlCharacters() {
        assertThat(ProviderText.clean("line one\r\nFake-Header: injected\n\tthree\u2028four\u0000"))
                .isEqualTo("line one Fake-Header: injected three four");
    }

    @Test
    void capsLongTextWithAnEllipsis() {
        String cleaned = ProviderText.clean("a".repeat(2000));
        assertThat(cleaned).hasSize(ProviderText.MAX_LENGTH).endsWith("\u2026").startsWith("aaaa");
        assertThat(ProviderText.clean("b".repeat(ProviderText.MAX_LENGTH))).hasSize(ProviderText.MAX_LENGTH).doesNotContain("\u2026");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String text = "a".repeat(ProviderText.MAX_LENGTH - 2) + "\uD83D\uDCE7" + "tail";
        String cleaned = ProviderText.clean(text);
        assertThat(cleaned).hasSizeLessThanOrEqualTo(ProviderText.MAX_LENGTH).endsWith("a\u2026");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\r\n"})
    void blankIsNull(String raw) {
        assertThat(ProviderText.clean(raw)).isNull();
        assertThat(ProviderText.normaliseMessageId(raw)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "<20261127.1.AB@mg.example.com>, 20261127.1.AB@mg.example.com",
            "' <abc@x.example> ', abc@x.example",
            "abc@x.example, abc@x.example",
            "W86EgYT6SQKk0lRflfLRsA, W86EgYT6SQKk0lRflfLRsA",
            "'<>', ''",
    })
    void normalisesMessageIds(String raw, String expected) {
        assertThat(ProviderText.normaliseMessageId(raw)).isEqualTo(expected.isEmpty() ? null : expected);
    }
}
