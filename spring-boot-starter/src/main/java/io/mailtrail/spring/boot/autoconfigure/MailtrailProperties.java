package io.mailtrail.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mailtrail.*} properties of the Spring Boot starter. Every one has a safe default: with none set,
 * every {@code JavaMailSender} send is tracked, no retries are added, no recipient hash is written (no key).
 */
@ConfigurationProperties(prefix = "mailtrail")
public class MailtrailProperties {

    /** Whether the starter configures anything at all. */
    private boolean enabled = true;

    /** {@code service.name} of every event. Default: {@code spring.application.name}. */
    private String serviceName;

    /** {@code service.environment} of every event, e.g. {@code production}. Default: none. */
    private String environment;

    private final Privacy privacy = new Privacy();
    private final Retry retry = new Retry();
    private final Mail mail = new Mail();
    private final Metrics metrics = new Metrics();
    private final Webhooks webhooks = new Webhooks();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getServiceName() { return serviceName; }
    public void setServiceName(String serviceName) { this.serviceName = serviceName; }
    public String getEnvironment() { return environment; }
    public void setEnvironment(String environment) { this.environment = environment; }
    public Privacy getPrivacy() { return privacy; }
    public Retry getRetry() { return retry; }
    public Mail getMail() { return mail; }
    public Metrics getMetrics() { return metrics; }
    public Webhooks getWebhooks() { return webhooks; }

    /** Never a secret: the webhooks' keys and passwords are shown as {@code <set>} or {@code none}. */
    @Override
    public String toString() {
        return "MailtrailProperties{enabled=" + enabled + ", serviceName=" + serviceName + ", environment=" + environment
                + ", " + privacy + ", " + webhooks + "}";
    }

    private static String secret(String value) {
        return value == null || value.isEmpty() ? "none" : "<set>";
    }

    /** What personal data may reach an event (the tracker's {@code PrivacyPolicy}). */
    public static class Privacy {

        /**
         * Key (at least 16 bytes) of the HMAC-SHA256 recipient hash {@code mailtrail.recipient.hash}. Default: none,
         * so no hash is written. Keep it out of the code: environment variable {@code MAILTRAIL_PRIVACY_HMACKEY}, or
         * {@code mailtrail.privacy.hmac-key=${MY_SECRET}}.
         */
        private String hmacKey;

        /** Write the recipients' domains ({@code mailtrail.recipient.domain}). */
        private boolean recipientDomains = true;

        /** Write the subject ({@code email.subject}, redacted). Subjects often hold personal data. */
        private boolean subject = false;

        /** Write the sender address ({@code email.from.address}). */
        private boolean senderAddress = true;

        /** Write a compact, redacted stack trace of failures ({@code error.stack_trace}). */
        private boolean stackTraces = true;

        public String getHmacKey() { return hmacKey; }
        public void setHmacKey(String hmacKey) { this.hmacKey = hmacKey; }
        public boolean isRecipientDomains() { return recipientDomains; }
        public void setRecipientDomains(boolean recipientDomains) { this.recipientDomains = recipientDomains; }
        public boolean isSubject() { return subject; }
        public void setSubject(boolean subject) { this.subject = subject; }
        public boolean isSenderAddress() { return senderAddress; }
        public void setSenderAddress(boolean senderAddress) { this.senderAddress = senderAddress; }
        public boolean isStackTraces() { return stackTraces; }
        public void setStackTraces(boolean stackTraces) { this.stackTraces = stackTraces; }

        /** Never the key. */
        @Override
        public String toString() {
            return "Privacy{hmacKey=" + (hmacKey == null || hmacKey.isEmpty() ? "none" : "<set>") + "}";
        }
    }

    /** Retries of failed sends by the tracker (the tracker's {@code RetryPolicy}). Off by default. */
    public static class Retry {

        /** Whether the tracker retries retryable failures (network, timeout, rate_limited, provider_unavailable). */
        private boolean enabled = false;

        /** Attempts in all, including the first. */
        private int maxAttempts = 3;

        /** Backoff base (full jitter). */
        private Duration baseDelay = Duration.ofMillis(300);

        /** Backoff cap. */
        private Duration maxDelay = Duration.ofSeconds(30);

        /** No retry whose wait would end later than this after the first attempt started. */
        private Duration maxElapsed = Duration.ofMinutes(2);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getBaseDelay() { return baseDelay; }
        public void setBaseDelay(Duration baseDelay) { this.baseDelay = baseDelay; }
        public Duration getMaxDelay() { return maxDelay; }
        public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
        public Duration getMaxElapsed() { return maxElapsed; }
        public void setMaxElapsed(Duration maxElapsed) { this.maxElapsed = maxElapsed; }
    }

    /** Tracking of the application's {@code JavaMailSender} beans. */
    public static class Mail {

        /** Whether every {@code JavaMailSenderImpl} bean is wrapped so that each send is tracked. */
        private boolean enabled = true;

        /**
         * {@code mailtrail.provider} of SMTP sends, e.g. {@code ses} or {@code sendgrid} when relaying through their
         * SMTP endpoints.
         */
        private String provider = "smtp";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getProvider() { return provider; }
        public void setProvider(String provider) { this.provider = provider; }
    }

    /** Micrometer meters of the mailtrail Logback appenders. */
    public static class Metrics {

        /** Whether the appenders' counters are published as {@code mailtrail.appender.*} meters. */
        private boolean enabled = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    /**
     * Delivery-webhook endpoints, one per provider, each off until enabled: {@code POST <base-path>/<provider>}.
     * A servlet of the starter's, in servlet web applications only.
     */
    public static class Webhooks {

        /** Base path of the endpoints: an enabled provider answers {@code POST <base-path>/<provider>}, e.g. {@code /mailtrail/webhooks/mailgun}. */
        private String basePath = "/mailtrail/webhooks";

        /** Largest request body read; a larger one is answered 413 and not read. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /** How far a signed request's timestamp may be from now, either way (SendGrid, Mailgun, SES); older or newer is refused. */
        private Duration tolerance = Duration.ofMinutes(5);

        private final Mailgun mailgun = new Mailgun();
        private final Sendgrid sendgrid = new Sendgrid();
        private final Ses ses = new Ses();
        private final Postmark postmark = new Postmark();

        public String getBasePath() { return basePath; }
        public void setBasePath(String basePath) { this.basePath = basePath; }
        public DataSize getMaxBodySize() { return maxBodySize; }
        public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
        public Duration getTolerance() { return tolerance; }
        public void setTolerance(Duration tolerance) { this.tolerance = tolerance; }
        public Mailgun getMailgun() { return mailgun; }
        public Sendgrid getSendgrid() { return sendgrid; }
        public Ses getSes() { return ses; }
        public Postmark getPostmark() { return postmark; }

        /** Never a secret. */
        @Override
        public String toString() {
            return "Webhooks{basePath=" + basePath + ", maxBodySize=" + maxBodySize + ", tolerance=" + tolerance
                    + ", " + mailgun + ", " + sendgrid + ", " + ses + ", " + postmark + "}";
        }

        /** Mailgun's signed webhooks: {@code POST <base-path>/mailgun}. */
        public static class Mailgun {

            /** Whether the Mailgun endpoint is on. */
            private boolean enabled = false;

            /** The account's "HTTP webhook signing key" (Mailgun: Sending, Webhooks). Required when enabled; keep it in the environment. */
            private String signingKey;

            public boolean isEnabled() { return enabled; }
            public void setEnabled(boolean enabled) { this.enabled = enabled; }
            public String getSigningKey() { return signingKey; }
            public void setSigningKey(String signingKey) { this.signingKey = signingKey; }

            @Override
            public String toString() {
                return "Mailgun{enabled=" + enabled + ", signingKey=" + secret(signingKey) + "}";
            }
        }

        /** SendGrid's signed Event Webhook: {@code POST <base-path>/sendgrid}. */
        public static class Sendgrid {

            /** Whether the SendGrid endpoint is on. */
            private boolean enabled = false;

            /** The signed Event Webhook's verification key, base64, as SendGrid shows it. Required when enabled. */
            private String publicKey;

            public boolean isEnabled() { return enabled; }
            public void setEnabled(boolean enabled) { this.enabled = enabled; }
            public String getPublicKey() { return publicKey; }
            public void setPublicKey(String publicKey) { this.publicKey = publicKey; }

            @Override
            public String toString() {
                return "Sendgrid{enabled=" + enabled + ", publicKey=" + secret(publicKey) + "}";
            }
        }

        /** Amazon SES notifications through an SNS HTTPS subscription: {@code POST <base-path>/ses}. */
        public static class Ses {

            /** Whether the SES (SNS) endpoint is on. */
            private boolean enabled = false;

            /** ARNs of the SNS topics whose messages are accepted ({@code arn:aws:sns:<region>:<account>:<name>}). Required when enabled. */
            private List<String> topicArns = new ArrayList<>();

            public boolean isEnabled() { return enabled; }
            public void setEnabled(boolean enabled) { this.enabled = enabled; }
            public List<String> getTopicArns() { return topicArns; }
            public void setTopicArns(List<String> topicArns) { this.topicArns = topicArns; }

            @Override
            public String toString() {
                return "Ses{enabled=" + enabled + ", topicArns=" + topicArns + "}";
            }
        }

        /**
         * Postmark's webhooks, authenticated by basic auth in the webhook URL ({@code username} and {@code password})
         * or by a custom header ({@code header-name} and {@code header-secret}): {@code POST <base-path>/postmark}.
         */
        public static class Postmark {

            /** Whether the Postmark endpoint is on. */
            private boolean enabled = false;

            /** User of the basic auth in the webhook URL ({@code https://user:password@host/...}). */
            private String username;

            /** Password of that user; keep it in the environment. */
            private String password;

            /** Instead of basic auth: the custom header the webhook sends its shared secret in, e.g. {@code X-Webhook-Secret}. */
            private String headerName;

            /** The shared secret of that header; keep it in the environment. */
            private String headerSecret;

            public boolean isEnabled() { return enabled; }
            public void setEnabled(boolean enabled) { this.enabled = enabled; }
            public String getUsername() { return username; }
            public void setUsername(String username) { this.username = username; }
            public String getPassword() { return password; }
            public void setPassword(String password) { this.password = password; }
            public String getHeaderName() { return headerName; }
            public void setHeaderName(String headerName) { this.headerName = headerName; }
            public String getHeaderSecret() { return headerSecret; }
            public void setHeaderSecret(String headerSecret) { this.headerSecret = headerSecret; }

            @Override
            public String toString() {
                return "Postmark{enabled=" + enabled + ", username=" + username + ", password=" + secret(password)
                        + ", headerName=" + headerName + ", headerSecret=" + secret(headerSecret) + "}";
            }
        }
    }
}
