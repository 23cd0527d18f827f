package io.mailtrail.tracker.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
    void manyRecipientsKeepDistinctDomainsAndHashesInOrder() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            addresses.add("user" + (i % 15) + "@d" + (i % 15 % 12) + ".example");  // 15 distinct addresses, twice
        }
        PrivacyPolicy p = PrivacyPolicy.builder().hmacKey(KEY).build();
        RecipientSummary s = p.recipients(addresses);

        assertThat(s.count()).isEqualTo(30);
        assertThat(s.domains()).hasSize(12).startsWith("d0.example", "d1.example").endsWith("d11.example");
        assertThat(s.hashes()).hasSize(15).doesNotHaveDuplicates()
                .startsWith(p.recipient("user0@d0.example").hashes().get(0))
                .endsWith(p.recipient("user14@d2.example").hashes().get(0));
    }

    @Test
    void oneKeyedPolicyHashesTheSameFromManyThreads() throws Exception {
        PrivacyPolicy p = PrivacyPolicy.builder().hmacKey(KEY).build();
        String expected = p.recipient("alice@example.org").hashes().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        seen.addAll(p.recipient("alice@example.org").hashes());
                    }
                    return seen;
                }));
            }
            for (Future<List<String>> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).hasSize(2000).containsOnly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
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
