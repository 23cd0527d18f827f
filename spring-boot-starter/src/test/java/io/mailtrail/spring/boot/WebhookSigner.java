package io.mailtrail.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Signs webhook payloads the way each provider does (the tracker's verifier tests do the same): Mailgun's HMAC in
 * the body, SendGrid's ECDSA headers, SNS's RSA signature of the canonical string. Keys are generated here.
 */
final class WebhookSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookSigner() {
    }

    static byte[] sample(String path) {
        try (InputStream in = WebhookSigner.class.getResourceAsStream("/webhooks/" + path)) {
            if (in == null) {
                throw new AssertionError("no test resource webhooks/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if ("EC".equals(algorithm)) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** SendGrid's verification key as it shows it: base64 of the DER public key. */
    static String sendgridPublicKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Mailgun: {@code signature.timestamp}, {@code token} and the hex HMAC-SHA256 of both, in the body. */
    static byte[] mailgun(byte[] sample, String signingKey, Instant at, String token) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(sample);
        String ts = Long.toString(at.getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((ts + token).getBytes(StandardCharsets.UTF_8)));
        ((ObjectNode) root.get("signature")).put("timestamp", ts).put("token", token).put("signature", sig);
        return JSON.writeValueAsBytes(root);
    }

    /** SendGrid: the two headers of a signed Event Webhook request for {@code body}. */
    static Map<String, String> sendgrid(KeyPair by, Instant at, byte[] body) throws Exception {
        String ts = Long.toString(at.getEpochSecond());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(by.getPrivate());
        s.update(ts.getBytes(StandardCharsets.UTF_8));
        s.update(body);
        return Map.of("X-Twilio-Email-Event-Webhook-Signature", Base64.getEncoder().encodeToString(s.sign()),
                "X-Twilio-Email-Event-Webhook-Timestamp", ts);
    }

    /** SNS: the message with a fresh {@code MessageId} and {@code Timestamp}, signed (SignatureVersion 2). */
    static byte[] sns(byte[] sample, KeyPair by, Instant at, String messageId) throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree(sample);
        m.put("Timestamp", at.toString()).put("MessageId", messageId).put("SignatureVersion", "2");
        List<String> fields = "Notification".equals(m.path("Type").asText())
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            if (m.hasNonNull(f)) {
                canonical.append(f).append('\n').append(m.get(f).asText()).append('\n');
            }
        }
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(by.getPrivate());
        s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        m.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        return JSON.writeValueAsBytes(m);
    }

    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
