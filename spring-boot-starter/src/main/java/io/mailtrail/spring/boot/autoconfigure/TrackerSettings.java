package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.tracker.privacy.PrivacyPolicy;
import io.mailtrail.tracker.retry.RetryPolicy;

import java.time.Duration;

/** Turns the bound properties into the tracker's policies; a bad value becomes one clear line naming the property. */
final class TrackerSettings {

    private TrackerSettings() {
    }

    static PrivacyPolicy privacy(MailtrailProperties.Privacy p) {
        PrivacyPolicy.Builder b = PrivacyPolicy.builder()
                .recipientDomains(p.isRecipientDomains())
                .subject(p.isSubject())
                .senderAddress(p.isSenderAddress())
                .stackTraces(p.isStackTraces());
        String key = p.getHmacKey();
        try {
            if (key != null && !key.isEmpty()) {
                b.hmacKey(key);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            // the key is the only option that can be wrong here; the tracker's message never shows it
            throw new InvalidMailtrailPropertyException("mailtrail.privacy.hmac-key", "<hidden>", e.getMessage());
        }
    }

    static RetryPolicy retry(MailtrailProperties.Retry r) {
        if (!r.isEnabled()) {
            return RetryPolicy.none();
        }
        RetryPolicy.Builder b = RetryPolicy.builder();
        set("mailtrail.retry.max-attempts", r.getMaxAttempts(), () -> b.maxAttempts(r.getMaxAttempts()));
        set("mailtrail.retry.base-delay", r.getBaseDelay(), () -> b.baseDelay(r.getBaseDelay()));
        set("mailtrail.retry.max-delay", r.getMaxDelay(), () -> b.maxDelay(r.getMaxDelay()));
        set("mailtrail.retry.max-elapsed", r.getMaxElapsed(), () -> b.maxElapsed(r.getMaxElapsed()));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // the policy checks its options together; its message starts with the option's name
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("maxAttempts")) {
                throw new InvalidMailtrailPropertyException("mailtrail.retry.max-attempts", String.valueOf(r.getMaxAttempts()), message);
            }
            if (message.startsWith("baseDelay")) {
                throw new InvalidMailtrailPropertyException("mailtrail.retry.base-delay", String.valueOf(r.getBaseDelay()), message);
            }
            if (message.startsWith("maxElapsed")) {
                throw new InvalidMailtrailPropertyException("mailtrail.retry.max-elapsed", String.valueOf(r.getMaxElapsed()), message);
            }
            throw new InvalidMailtrailPropertyException("mailtrail.retry.max-delay", String.valueOf(r.getMaxDelay()), message);
        }
    }

    private static void set(String property, Object value, Runnable setter) {
        if (value == null) {
            throw new InvalidMailtrailPropertyException(property, "", "a value is required");
        }
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidMailtrailPropertyException(property,
                    value instanceof Duration d ? d.toString() : String.valueOf(value), e.getMessage());
        }
    }
}
