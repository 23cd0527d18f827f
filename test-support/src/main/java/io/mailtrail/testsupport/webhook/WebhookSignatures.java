package io.mailtrail.testsupport.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
 * Signs delivery webhooks the way the providers do, with keys a test generates, so that an endpoint's signature
 * check can be tested with requests it must accept and forgeries it must refuse: SendGrid's ECDSA headers,
 * Mailgun's HMAC inside the body, Amazon SNS's RSA signature of the canonical message (SES notifications).
 * Needs Jackson on the test class path (for the two payloads that carry their signature inside).
 */
public final class WebhookSignatures {

    /** The header SendGrid's Event Webhook puts its base64 ECDSA signature in. */
    public static final String SENDGRID_SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    /** The header of the signed timestamp (epoch seconds). */
    public static final String SENDGRID_TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SNS_NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> SNS_SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private WebhookSignatures() {
    }

    /** A SendGrid-like key pair: EC on P-256. */
    public static KeyPair sendgridKeys() {
        return generate("EC");
    }

    /** An SNS-like signing key pair: RSA 2048. */
    public static KeyPair snsKeys() {
        return generate("RSA");
    }

    /** The verification key as SendGrid's settings page shows it: base64 of the DER public key. */
    public static String sendgridVerificationKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The two headers of a SendGrid Event Webhook request for exactly these body bytes, signed at {@code at}. */
    public static Map<String, String> sendgridHeaders(KeyPair by, Instant at, byte[] body) {
        String ts = Long.toString(at.getEpochSecond());
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(by.getPrivate());
            s.update(ts.getBytes(StandardCharsets.UTF_8));
            s.update(body);
            return Map.of(SENDGRID_SIGNATURE_HEADER, Base64.getEncoder().encodeToString(s.sign()), SENDGRID_TIMESTAMP_HEADER, ts);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign as SendGrid: " + e, e);
        }
    }

    /**
     * A Mailgun webhook body: the payload (a JSON object with a {@code signature} object, as Mailgun posts it)
     * with {@code signature.timestamp}, {@code token} and the hex HMAC-SHA256 of both under the signing key.
     */
    public static byte[] mailgunSigned(byte[] payload, String signingKey, Instant at, String token) {
        ObjectNode root = object(payload, "mailgun payload");
        if (!(root.get("signature") instanceof ObjectNode signature)) {
            throw new IllegalArgumentException("mailgun payload: no \"signature\" object");
        }
        String ts = Long.toString(at.getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal((ts + token).getBytes(StandardCharsets.UTF_8)));
            signature.put("timestamp", ts).put("token", token).put("signature", hex);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign as Mailgun: " + e, e);
        }
        return write(root);
    }

    /**
     * An SNS message (a notification or a subscription confirmation) signed by {@code by}: with the given
     * {@code SignatureVersion} ("1": SHA1withRSA, "2": SHA256withRSA) and {@code Timestamp}; {@code messageId}
     * and {@code signingCertUrl} replace the message's own when not null.
     */
    public static byte[] snsSigned(byte[] message, KeyPair by, String signatureVersion, Instant at,
                                   String messageId, String signingCertUrl) {
        ObjectNode m = object(message, "sns message");
        m.put("Timestamp", at.toString()).put("SignatureVersion", signatureVersion);
        if (messageId != null) {
            m.put("MessageId", messageId);
        }
        if (signingCertUrl != null) {
            m.put("SigningCertURL", signingCertUrl);
        }
        List<String> fields = "Notification".equals(m.path("Type").asText()) ? SNS_NOTIFICATION_FIELDS : SNS_SUBSCRIPTION_FIELDS;
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            if (m.hasNonNull(f)) {
                canonical.append(f).append('\n').append(m.get(f).asText()).append('\n');
            }
        }
        try {
            Signature s = Signature.getInstance("1".equals(signatureVersion) ? "SHA1withRSA" : "SHA256withRSA");
            s.initSign(by.getPrivate());
            s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            m.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign as SNS: " + e, e);
        }
        return write(m);
    }

    private static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if ("EC".equals(algorithm)) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an " + algorithm + " key pair: " + e, e);
        }
    }

    private static ObjectNode object(byte[] json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(what + ": not a JSON object");
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
