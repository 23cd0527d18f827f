package io.mailtrail.tracker.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/**
 * What personal data and secrets may reach an event. Immutable; {@link #defaults()} is the safe choice:
 * recipient domains and count, no recipient hash (no key), no subject, sender address kept, every free
 * text redacted (addresses, secrets, control characters), stack traces capped at 4000 characters.
 *
 * <p>The HMAC key turns on {@code mailtrail.recipient.hash}: HMAC-SHA256 of each lowercased address,
 * hex. Keep the key out of the code (environment, secret store); rotating it breaks the link between old
 * and new hashes, which is the point of rotation. Without a key, no hash is written: a plain hash of an
 * address can be reversed by guessing.
 */
public final class PrivacyPolicy {

    private static final int MIN_KEY_BYTES = 16;

    /** Built once: it holds one {@link Mac} per thread, which is costly to create (about 2-3 µs). */
    private final Hmac hmac;
    private final boolean recipientDomains;
    private final boolean subject;
    private final boolean senderAddress;
    private final boolean stackTraces;
    private final int maxMessageLength;
    private final int maxStackTraceLength;
    private final TextRedactor redactor;

    private PrivacyPolicy(Builder b) {
        this.hmac = b.hmacKey == null ? null : new Hmac(b.hmacKey);
        this.recipientDomains = b.recipientDomains;
        this.subject = b.subject;
        this.senderAddress = b.senderAddress;
        this.stackTraces = b.stackTraces;
        this.maxMessageLength = b.maxMessageLength;
        this.maxStackTraceLength = b.maxStackTraceLength;
        this.redactor = new TextRedactor();
    }

    /** Domains and count of recipients only; no subject; redacted texts. */
    public static PrivacyPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The recipients in the form this policy allows. */
    public RecipientSummary recipients(Iterable<String> addresses) {
        return RecipientSummary.of(addresses, recipientDomains, hmac);
    }

    /** One recipient in the form this policy allows (delivery events). */
    public RecipientSummary recipient(String address) {
        return recipients(address == null ? List.of() : List.of(address));
    }

    /** Whether {@code email.subject} is written. */
    public boolean logsSubject() {
        return subject;
    }

    /** The sender address as {@code email.from.address} shows it, or null when the policy leaves it out. */
    public String senderAddress(String from) {
        return senderAddress && from != null ? redactor.cleanLine(from.trim(), maxMessageLength) : null;
    }

    /** Whether {@code error.stack_trace} is written. */
    public boolean logsStackTraces() {
        return stackTraces;
    }

    /** Whether recipient hashes are written (a key is configured). */
    public boolean hashesRecipients() {
        return hmac != null;
    }

    /** A one-line text safe to log: control characters, addresses and secrets removed, capped. */
    public String redactLine(String text) {
        return redactor.redactLine(text, maxMessageLength);
    }

    /** A multi-line text (stack trace) safe to log: line breaks kept, the rest as {@link #redactLine}. */
    public String redactStackTrace(String text) {
        return redactor.redactMultiline(text, maxStackTraceLength);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "PrivacyPolicy[recipientDomains=" + recipientDomains + ", recipientHash=" + hashesRecipients()
                + ", subject=" + subject + ", senderAddress=" + senderAddress + ", stackTraces=" + stackTraces
                + ", maxMessageLength=" + maxMessageLength + ", maxStackTraceLength=" + maxStackTraceLength + "]";
    }

    /** Builds a {@link PrivacyPolicy}; {@link #build()} validates. */
    public static final class Builder {
        private byte[] hmacKey;
        private boolean recipientDomains = true;
        private boolean subject;
        private boolean senderAddress = true;
        private boolean stackTraces = true;
        private int maxMessageLength = 1000;
        private int maxStackTraceLength = 4000;

        private Builder() {
        }

        /** HMAC-SHA256 key for recipient hashes, at least 16 bytes. Default: none (no hashes). */
        public Builder hmacKey(byte[] key) {
            this.hmacKey = key == null ? null : key.clone();
            return this;
        }

        /** The key as text (UTF-8), e.g. from an environment variable; blank means none. */
        public Builder hmacKey(String key) {
            return hmacKey(key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8));
        }

        /** Write {@code mailtrail.recipient.domain}. Default true. */
        public Builder recipientDomains(boolean enabled) {
            this.recipientDomains = enabled;
            return this;
        }

        /** Write {@code email.subject}. Default false: subjects often hold names, order numbers, codes. */
        public Builder subject(boolean enabled) {
            this.subject = enabled;
            return this;
        }

        /** Write {@code email.from.address}. Default true (usually the application's own address). */
        public Builder senderAddress(boolean enabled) {
            this.senderAddress = enabled;
            return this;
        }

        /** Write {@code error.stack_trace} (redacted, capped). Default true. */
        public Builder stackTraces(boolean enabled) {
            this.stackTraces = enabled;
            return this;
        }

        /** Cap of one-line texts (error and server messages), in characters. Default 1000, at least 32. */
        public Builder maxMessageLength(int chars) {
            this.maxMessageLength = chars;
            return this;
        }

        /** Cap of stack traces, in characters. Default 4000, at least 256. */
        public Builder maxStackTraceLength(int chars) {
            this.maxStackTraceLength = chars;
            return this;
        }

        /** @throws IllegalArgumentException naming the option and value that is wrong */
        public PrivacyPolicy build() {
            if (hmacKey != null && hmacKey.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("hmacKey is too short (" + hmacKey.length
                        + " bytes): use at least " + MIN_KEY_BYTES + " random bytes");
            }
            if (maxMessageLength < 32) {
                throw new IllegalArgumentException("maxMessageLength " + maxMessageLength + " is too small: use at least 32");
            }
            if (maxStackTraceLength < 256) {
                throw new IllegalArgumentException("maxStackTraceLength " + maxStackTraceLength + " is too small: use at least 256");
            }
            return new PrivacyPolicy(this);
        }
    }

    /** HMAC-SHA256 with a per-thread {@link Mac}: a Mac is not thread-safe and costly to create per call. */
    static final class Hmac {
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private final ThreadLocal<Mac> macs;

        /** Fails here, at configuration time, if the JDK lacks HmacSHA256. */
        Hmac(byte[] key) {
            byte[] copy = Arrays.copyOf(key, key.length);
            this.macs = ThreadLocal.withInitial(() -> newMac(copy));
            macs.get();
        }

        String hex(String text) {
            byte[] digest = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(out);
        }

        private static Mac newMac(byte[] key) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        }
    }
}
