package io.mailtrail.alerts.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One mail: recipients, subject, a text body and/or an HTML body with inline images, attachments.
 * Immutable; build it with {@link #builder()}. When both bodies are set the mail is
 * {@code multipart/alternative} (clients show the HTML, the text is the fallback).
 */
public final class MailMessage {

    private final List<String> to;
    private final List<String> cc;
    private final List<String> bcc;
    private final List<String> replyTo;
    private final String from;
    private final String subject;
    private final String text;
    private final String html;
    private final List<InlineImage> inlineImages;
    private final List<Attachment> attachments;
    private final String messageId;
    private final String priority;

    private MailMessage(Builder b) {
        if (b.to.isEmpty() && b.cc.isEmpty() && b.bcc.isEmpty()) {
            throw new IllegalArgumentException("mail to: at least one recipient is required");
        }
        if (b.text == null && b.html == null) {
            throw new IllegalArgumentException("mail body: a text or an html body is required");
        }
        if (!b.inlineImages.isEmpty() && b.html == null) {
            throw new IllegalArgumentException("mail inline images: they need an html body that shows them");
        }
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.replyTo = List.copyOf(b.replyTo);
        this.from = b.from;
        this.subject = b.subject == null ? "" : b.subject;
        this.text = b.text;
        this.html = b.html;
        this.inlineImages = List.copyOf(b.inlineImages);
        this.attachments = List.copyOf(b.attachments);
        this.messageId = b.messageId;
        this.priority = b.priority;
    }

    public static Builder builder() {
        return new Builder();
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

    public List<String> replyTo() {
        return replyTo;
    }

    /** A sender overriding {@link SmtpSettings#from()}, if set. */
    public Optional<String> from() {
        return Optional.ofNullable(from);
    }

    public String subject() {
        return subject;
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    public List<InlineImage> inlineImages() {
        return inlineImages;
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    /** The {@code Message-ID} (without angle brackets), if set; else the mail library makes one. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** Watcher's priority ({@code highest high normal low lowest}), if set. */
    public Optional<String> priority() {
        return Optional.ofNullable(priority);
    }

    /** Recipients are personal data: only their count is shown. */
    @Override
    public String toString() {
        return "MailMessage{recipients=" + (to.size() + cc.size() + bcc.size()) + ", html=" + (html != null)
                + ", inlineImages=" + inlineImages.size() + ", attachments=" + attachments.size() + "}";
    }

    /** Builds a {@link MailMessage}. */
    public static final class Builder {
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> bcc = new ArrayList<>();
        private final List<String> replyTo = new ArrayList<>();
        private String from;
        private String subject;
        private String text;
        private String html;
        private final List<InlineImage> inlineImages = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();
        private String messageId;
        private String priority;

        private Builder() {
        }

        /** Adds {@code To} recipients (each an RFC 822 address, e.g. {@code "Ops <ops@example.com>"}). */
        public Builder to(String... addresses) {
            return to(List.of(addresses));
        }

        public Builder to(List<String> addresses) {
            addresses.forEach(a -> to.add(Objects.requireNonNull(a, "to")));
            return this;
        }

        public Builder cc(List<String> addresses) {
            addresses.forEach(a -> cc.add(Objects.requireNonNull(a, "cc")));
            return this;
        }

        public Builder bcc(List<String> addresses) {
            addresses.forEach(a -> bcc.add(Objects.requireNonNull(a, "bcc")));
            return this;
        }

        public Builder replyTo(List<String> addresses) {
            addresses.forEach(a -> replyTo.add(Objects.requireNonNull(a, "reply_to")));
            return this;
        }

        /** Overrides the sender of {@link SmtpSettings#from()} for this mail. */
        public Builder from(String from) {
            this.from = from;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The plain-text body (or the fallback of the HTML body). */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** The HTML body; inline images are referenced as {@code cid:<contentId>}. */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        public Builder inlineImage(InlineImage image) {
            inlineImages.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        public Builder attachment(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /** The {@code Message-ID} without angle brackets (Watcher uses {@code <action id>_<ctx.id>}). */
        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        /** {@code highest high normal low lowest}. */
        public Builder priority(String priority) {
            this.priority = priority;
            return this;
        }

        public MailMessage build() {
            return new MailMessage(this);
        }
    }
}
