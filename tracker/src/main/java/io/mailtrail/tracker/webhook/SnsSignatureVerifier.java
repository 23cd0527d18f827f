package io.mailtrail.tracker.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amazon SNS message signatures, for SES notifications delivered to an HTTPS endpoint: the signature of the
 * canonical string of the message's fields ({@code SignatureVersion} 1: SHA1withRSA, 2: SHA256withRSA) with the
 * key of the certificate at {@code SigningCertURL}, which must be an https URL on {@code sns.<region>.amazonaws.com}
 * (or {@code .amazonaws.com.cn}) ending in {@code .pem}. The {@code TopicArn} must be one of the allowed topics:
 * anyone can sign messages of a topic of their own. Replays: {@code Timestamp} within the tolerance and the
 * {@code MessageId} remembered.
 */
final class SnsSignatureVerifier implements WebhookVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CERT_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final Set<String> topics;
    private final SnsCertificates certificates;
    private final Freshness freshness;

    SnsSignatureVerifier(Set<String> topics, SnsCertificates certificates, Freshness freshness) {
        if (topics == null || topics.isEmpty() || topics.stream().anyMatch(t -> t == null || !t.startsWith("arn:"))) {
            throw new IllegalArgumentException("ses (SNS) webhook topics: give the ARNs of your SNS topics (arn:aws:sns:<region>:<account>:<name>)");
        }
        this.topics = Set.copyOf(topics);
        this.certificates = java.util.Objects.requireNonNull(certificates, "certificates");
        this.freshness = freshness;
    }

    @Override
    public String provider() {
        return "ses";
    }

    @Override
    public Verification verify(Map<String, List<String>> headers, byte[] body) {
        JsonNode m;
        try {
            m = body == null ? null : JSON.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return reject("body is not JSON");
        }
        if (m == null || !m.isObject()) {
            return reject("body is not an SNS message");
        }
        String type = text(m, "Type");
        String topic = text(m, "TopicArn");
        String version = text(m, "SignatureVersion");
        String signature = text(m, "Signature");
        String certUrl = text(m, "SigningCertURL");
        String timestamp = text(m, "Timestamp");
        String messageId = text(m, "MessageId");
        if (type == null || topic == null || signature == null || certUrl == null || timestamp == null || messageId == null) {
            return reject("not an SNS message: Type, TopicArn, MessageId, Timestamp, Signature or SigningCertURL missing");
        }
        if (!topics.contains(topic)) {
            return reject("topic not allowed");
        }
        String algorithm = "1".equals(version) ? "SHA1withRSA" : "2".equals(version) ? "SHA256withRSA" : null;
        if (algorithm == null) {
            return reject("unsupported SignatureVersion");
        }
        URI url;
        try {
            url = URI.create(certUrl);
        } catch (IllegalArgumentException e) {
            return reject("SigningCertURL is not an SNS certificate URL");
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || !CERT_HOST.matcher(url.getHost()).matches()
                || url.getRawUserInfo() != null || url.getPort() != -1 || url.getPath() == null || !url.getPath().endsWith(".pem")) {
            return reject("SigningCertURL is not an SNS certificate URL");
        }
        List<String> fields = "Notification".equals(type) ? NOTIFICATION_FIELDS
                : "SubscriptionConfirmation".equals(type) || "UnsubscribeConfirmation".equals(type) ? SUBSCRIPTION_FIELDS : null;
        if (fields == null) {
            return reject("unknown SNS message Type");
        }
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            String v = text(m, f);
            if (v == null) {
                if ("Subject".equals(f)) {
                    continue;   // optional: left out of the string when absent
                }
                return reject("SNS message lacks " + f);
            }
            canonical.append(f).append('\n').append(v).append('\n');
        }
        try {
            PublicKey key = certificates.publicKey(url);
            Signature rsa = Signature.getInstance(algorithm);
            rsa.initVerify(key);
            rsa.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(signature))) {
                return reject("signature does not match");
            }
        } catch (Exception e) {
            return reject("signature could not be verified");
        }
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return reject("malformed Timestamp");
        }
        String stale = freshness.check(at, "sns:" + messageId);
        return stale == null ? new Verification.Verified(provider()) : reject(stale);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private Verification reject(String reason) {
        return new Verification.Rejected(provider(), reason);
    }

    @Override
    public String toString() {
        return "SnsSignatureVerifier[topics=" + topics + ", tolerance=" + freshness.tolerance() + "]";
    }
}
