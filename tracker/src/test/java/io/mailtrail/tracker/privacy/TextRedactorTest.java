package io.mailtrail.tracker.privacy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRedactorTest {

    private final TextRedactor redactor = new TextRedactor();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "550 5.1.1 <bob.smith@example.org>: Recipient address rejected | 550 5.1.1 <<redacted>@example.org>: Recipient address rejected",
            "Authorization: Bearer SG.abcdefghijkl.mnopqrstuvwxyz0123 | Authorization: <masked>",
            "authorization=Basic YXBpOmtleS0xMjM0NTY3ODkw | authorization=<masked>",
            "X-Postmark-Server-Token: 3f2a1b4c-1111-2222-3333-444455556666 | X-Postmark-Server-Token: <masked>",
            "api-key: xkeysib-abcdef0123456789 | api-key: <masked>",
            "X-Amz-Security-Token=FwoGZXIvYXdzEJr%2F%2F | X-Amz-Security-Token=<masked>",
            "https://ses.amazonaws.com/?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261127&X-Amz-Signature=abc123 | https://ses.amazonaws.com/?X-Amz-Credential=<masked>&X-Amz-Signature=<masked>",
            "{\"client_secret\":\"s3cr3t-value\",\"ok\":1} | {\"client_secret\":\"<masked>\",\"ok\":1}",
            "smtp password=hunter2 rejected | smtp password=<masked> rejected",
            "key AKIAIOSFODNN7EXAMPLE leaked | key <masked> leaked",
            "mailgun key-0123456789abcdef0123456789abcdef used | mailgun <masked> used",
            "resend re_123456789abcdefghijk denied | resend <masked> denied",
            "https://user:pa55@smtp.example.com:587/ | https://<masked>@smtp.example.com:587/",
            "to=alice%40example.org&x=1 | to=<redacted>@example.org&x=1",
            "250 2.0.0 Ok: queued as 4FQ2 | 250 2.0.0 Ok: queued as 4FQ2",
    })
    void redactsSecretsAndAddresses(String input, String expected) {
        assertThat(redactor.redactLine(input, 1000)).isEqualTo(expected);
    }

    @Test
    void controlCharactersCannotForgeLogLines() {
        String forged = "550 rejected\r\n2026-11-27 INFO fake line\u0000\u001b[31m\u2028x";
        String line = redactor.redactLine(forged, 1000);
        assertThat(line).doesNotContain("\r", "\n", "\u0000", "\u001b", "\u2028")
                .isEqualTo("550 rejected  2026-11-27 INFO fake line  [31m x");
    }

    @Test
    void stackTracesKeepLineBreaksOnly() {
        String trace = "java.io.IOException: to bob@example.org\r\n\tat a.B.c(B.java:1)\r\tat x\u0007";
        assertThat(redactor.redactMultiline(trace, 1000))
                .isEqualTo("java.io.IOException: to <redacted>@example.org\n\tat a.B.c(B.java:1)\n\tat x ");
    }

    @Test
    void capsAfterRedactingSoNoSecretIsCutHalfUnmasked() {
        String text = "x".repeat(40) + " token=abcdefghijklmnopqrstuvwxyz";
        String capped = redactor.redactLine(text, 50);
        assertThat(capped).hasSize(50).endsWith("...[truncated]").doesNotContain("abcdefgh");
    }
}
