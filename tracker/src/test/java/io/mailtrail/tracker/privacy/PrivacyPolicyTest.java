package io.mailtrail.tracker.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivacyPolicyTest {

    private static final String KEY = "0123456789abcdef-test-key";

    @Test
    void defaultsKeepDomainsAndCountButNoHashOrSubject() {
        PrivacyPolicy p = PrivacyPolicy.defaults();
        RecipientSummary s = p.recipients(List.of("Alice <Alice@Example.ORG>", "bob@example.org", "carol@gmail.com", " "));
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.domains()).containsExactly("example.org", "gmail.com");
        assertThat(s.hashes()).isEmpty();
        assertThat(p.logsSubject()).isFalse();
        assertThat(p.hashesRecipients()).isFalse();
    }

    @Test
    void hashIsHmacSha256OfTheLowercasedAddress() throws Exception {
        PrivacyPolicy p = PrivacyPolicy.builder().hmacKey(KEY).build();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("alice@example.org".getBytes(StandardCharsets.UTF_8)));

        assertThat(p.recipient("Alice <ALICE@example.org>").hashes()).containsExactly(expected);
        assertThat(PrivacyPolicy.builder().hmacKey("another-key-of-16-bytes").build().recipient("alice@example.org").hashes())
                .doesNotContain(expected);
    }

    @Test
    void domainsCanBeTurnedOff() {
        RecipientSummary s = PrivacyPolicy.builder().recipientDomains(false).build().recipients(List.of("a@b.example"));
        assertThat(s.domains()).isEmpty();
        assertThat(s.count()).isEqualTo(1);
    }

    @Test
    void badConfigNamesTheOptionAndNeverShowsTheKey() {
        assertThatThrownBy(() -> PrivacyPolicy.builder().hmacKey("tiny-key").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hmacKey").hasMessageNotContaining("tiny-key");
        assertThatThrownBy(() -> PrivacyPolicy.builder().maxMessageLength(3).build()).hasMessageContaining("maxMessageLength 3");
        assertThat(PrivacyPolicy.builder().hmacKey(KEY).build().toString()).doesNotContain(KEY).contains("recipientHash=true");
    }
}
