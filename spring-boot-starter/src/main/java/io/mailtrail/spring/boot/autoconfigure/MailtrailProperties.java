package io.mailtrail.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

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
}
