package io.mailtrail.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The providers' webhook payloads the tests post (test resources {@code webhooks/}), and Postmark's Basic
 * authentication header. Signing is {@code io.mailtrail.testsupport.webhook.WebhookSignatures}.
 */
final class WebhookSamples {

    private WebhookSamples() {
    }

    static byte[] sample(String path) {
        try (InputStream in = WebhookSamples.class.getResourceAsStream("/webhooks/" + path)) {
            if (in == null) {
                throw new AssertionError("no test resource webhooks/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
