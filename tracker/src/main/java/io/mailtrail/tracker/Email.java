package io.mailtrail.tracker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is being sent, described once by the application: who sends it through which provider, for which
 * template and tenant, to whom. Immutable; build it with {@link #builder(String)}.
 *
 * <p>Recipients and the subject are personal data: they stay in memory and only reach the event in the
 * form the tracker's {@link io.mailtrail.tracker.privacy.PrivacyPolicy} allows (by default the recipient
 * domains and count; a keyed hash only when a key is configured; never the subject).
 */
public final class Email {

    private final String provider;
    private final String template;
    private final List<String> to;
    private final List<String> cc;
    private final List<String> bcc;
    private final String from;
    private final String tenant;
    private final Map<String, String> labels;
    private final String localId;
    private final String subject;

    private Email(Builder b) {
        this.provider = b.provider;
        this.template = b.template;
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.from = b.from;
        this.tenant = b.tenant;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        this.localId = b.localId;
        this.subject = b.subject;
    }

    /**
     * Starts describing an email sent through {@code provider}: {@code ses}, {@code sendgrid},
     * {@code mailgun}, {@code postmark}, {@code resend}, {@code smtp}, or a name of the application's choice.
     */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    public String provider() {
        return provider;
    }

    /** Template or category name, or null. */
    public String template() {
        return template;
    }

    public List<String> to() {
        return to;
    }

    public List<String> cc() {
        return cc;
    }

    public List<String> bcc() {
        return bcc;
    }

    /** All recipients: to, then cc, then bcc. */
    public List<String> recipients() {
        List<String> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    /** Sender address, or null. */
    public String from() {
        return from;
    }

    /** Tenant, or null. */
    public String tenant() {
        return tenant;
    }

    /** Custom keyword labels; never personal data. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The application's own id for the message, or null. */
    public String localId() {
        return localId;
    }

    /** Subject, or null; logged only when the privacy policy enables it. */
    public String subject() {
        return subject;
    }

    /** A builder holding this email's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(provider).template(template).from(from).tenant(tenant).localId(localId).subject(subject);
        b.to.addAll(to);
        b.cc.addAll(cc);
        b.bcc.addAll(bcc);
        b.labels.putAll(labels);
        return b;
    }

    /** Shows provider, template and recipient count only: addresses and subject are personal data. */
    @Override
    public String toString() {
        return "Email[provider=" + provider + ", template=" + template + ", recipients=" + recipients().size() + "]";
    }

    /** Builds an {@link Email}. Not thread-safe. */
    public static final class Builder {
        private final String provider;
        private String template;
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> bcc = new ArrayList<>();
        private String from;
        private String tenant;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String localId;
        private String subject;

        private Builder(String provider) {
            if (provider == null || provider.isBlank()) {
                throw new IllegalArgumentException("provider '" + provider + "' is invalid: name the provider, e.g. 'sendgrid' or 'smtp'");
            }
            this.provider = provider.trim();
        }

        /** Template or category name, as the application calls it (e.g. {@code password-reset}). */
        public Builder template(String template) {
            this.template = template;
            return this;
        }

        public Builder to(String... addresses) {
            return add(to, List.of(addresses));
        }

        public Builder to(Collection<String> addresses) {
            return add(to, addresses);
        }

        public Builder cc(String... addresses) {
            return add(cc, List.of(addresses));
        }

        public Builder cc(Collection<String> addresses) {
            return add(cc, addresses);
        }

        public Builder bcc(String... addresses) {
            return add(bcc, List.of(addresses));
        }

        public Builder bcc(Collection<String> addresses) {
            return add(bcc, addresses);
        }

        /** Sender address. */
        public Builder from(String from) {
            this.from = from;
            return this;
        }

        /** Tenant the email is sent for. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** Adds a keyword label (e.g. {@code campaign=welcome}); never put personal data here. */
        public Builder label(String name, String value) {
            Objects.requireNonNull(name, "label name");
            Objects.requireNonNull(value, "label value");
            labels.put(name, value);
            return this;
        }

        /** The application's own id for the message (e.g. {@code order-4711-receipt}). */
        public Builder localId(String localId) {
            this.localId = localId;
            return this;
        }

        /** Subject; logged only when {@code PrivacyPolicy.subject(true)}. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Email build() {
            return new Email(this);
        }

        private Builder add(List<String> list, Collection<String> addresses) {
            for (String a : addresses) {
                if (a != null && !a.isBlank()) {
                    list.add(a.trim());
                }
            }
            return this;
        }
    }
}
