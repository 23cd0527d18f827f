package io.mailtrail.tracker;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.schema.Outcome;

import java.time.Duration;
import java.util.Objects;

/**
 * What a classifier learned from one attempt: its outcome, the error category and retryability on failure,
 * and whatever the protocol told (HTTP status, SMTP reply, provider message id, rate-limit hints). Immutable;
 * build with {@link #success()}, {@link #failure(ErrorCategory)} or {@link #unknown(ErrorCategory)}.
 *
 * <p>Texts here ({@link #errorMessage()}, {@link #smtpResponse()}) are raw: the tracker redacts them with
 * its privacy policy before anything is logged.
 */
public final class AttemptResult {

    private final Outcome outcome;
    private final ErrorCategory errorCategory;
    private final boolean retryable;
    private final String errorCode;
    private final String errorMessage;
    private final String messageId;
    private final Integer httpStatus;
    private final String httpMethod;
    private final String urlDomain;
    private final String urlPath;
    private final String serverAddress;
    private final Integer serverPort;
    private final Integer smtpReplyCode;
    private final String smtpEnhancedStatus;
    private final String smtpResponse;
    private final Duration retryAfter;
    private final Long rateLimitRemaining;
    private final String requestId;

    private AttemptResult(Builder b) {
        this.outcome = b.outcome;
        this.errorCategory = b.errorCategory;
        this.retryable = b.retryable;
        this.errorCode = b.errorCode;
        this.errorMessage = b.errorMessage;
        this.messageId = b.messageId;
        this.httpStatus = b.httpStatus;
        this.httpMethod = b.httpMethod;
        this.urlDomain = b.urlDomain;
        this.urlPath = b.urlPath;
        this.serverAddress = b.serverAddress;
        this.serverPort = b.serverPort;
        this.smtpReplyCode = b.smtpReplyCode;
        this.smtpEnhancedStatus = b.smtpEnhancedStatus;
        this.smtpResponse = b.smtpResponse;
        this.retryAfter = b.retryAfter;
        this.rateLimitRemaining = b.rateLimitRemaining;
        this.requestId = b.requestId;
    }

    /** A successful attempt (the provider accepted the message; this is not delivery). */
    public static Builder success() {
        return new Builder(Outcome.SUCCESS, null, false);
    }

    /** A failed attempt, retryable as the category is by default. */
    public static Builder failure(ErrorCategory category) {
        Objects.requireNonNull(category, "category");
        return new Builder(Outcome.FAILURE, category, category.retryableByDefault());
    }

    /**
     * An attempt whose result is unknown (e.g. a read timeout after the request was sent): it may have been
     * accepted, so it is not retryable unless the caller says so (idempotent provider).
     */
    public static Builder unknown(ErrorCategory category) {
        Objects.requireNonNull(category, "category");
        return new Builder(Outcome.UNKNOWN, category, false);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Null on success. */
    public ErrorCategory errorCategory() {
        return errorCategory;
    }

    public boolean retryable() {
        return retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String messageId() {
        return messageId;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String httpMethod() {
        return httpMethod;
    }

    public String urlDomain() {
        return urlDomain;
    }

    public String urlPath() {
        return urlPath;
    }

    public String serverAddress() {
        return serverAddress;
    }

    public Integer serverPort() {
        return serverPort;
    }

    public Integer smtpReplyCode() {
        return smtpReplyCode;
    }

    public String smtpEnhancedStatus() {
        return smtpEnhancedStatus;
    }

    public String smtpResponse() {
        return smtpResponse;
    }

    /** The wait the provider asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Long rateLimitRemaining() {
        return rateLimitRemaining;
    }

    /** The provider's id of the API request (AWS {@code x-amzn-RequestId}), or null. */
    public String requestId() {
        return requestId;
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        Builder b = new Builder(outcome, errorCategory, retryable);
        b.errorCode = errorCode;
        b.errorMessage = errorMessage;
        b.messageId = messageId;
        b.httpStatus = httpStatus;
        b.httpMethod = httpMethod;
        b.urlDomain = urlDomain;
        b.urlPath = urlPath;
        b.serverAddress = serverAddress;
        b.serverPort = serverPort;
        b.smtpReplyCode = smtpReplyCode;
        b.smtpEnhancedStatus = smtpEnhancedStatus;
        b.smtpResponse = smtpResponse;
        b.retryAfter = retryAfter;
        b.rateLimitRemaining = rateLimitRemaining;
        b.requestId = requestId;
        return b;
    }

    /** Outcome, category and codes only; message texts may hold personal data. */
    @Override
    public String toString() {
        return "AttemptResult[" + outcome.value() + (errorCategory == null ? "" : ", " + errorCategory.value())
                + ", retryable=" + retryable + (errorCode == null ? "" : ", code=" + errorCode) + "]";
    }

    /** Builds an {@link AttemptResult}. Not thread-safe. */
    public static final class Builder {
        private final Outcome outcome;
        private final ErrorCategory errorCategory;
        private boolean retryable;
        private String errorCode;
        private String errorMessage;
        private String messageId;
        private Integer httpStatus;
        private String httpMethod;
        private String urlDomain;
        private String urlPath;
        private String serverAddress;
        private Integer serverPort;
        private Integer smtpReplyCode;
        private String smtpEnhancedStatus;
        private String smtpResponse;
        private Duration retryAfter;
        private Long rateLimitRemaining;
        private String requestId;

        private Builder(Outcome outcome, ErrorCategory errorCategory, boolean retryable) {
            this.outcome = outcome;
            this.errorCategory = errorCategory;
            this.retryable = retryable;
        }

        /** Overrides the category's default retryability for this attempt. */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /** Raw code: HTTP status, SMTP reply code or the provider's own error code. */
        public Builder errorCode(String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        /** Provider or server message; redacted by the tracker before logging. */
        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        /** Provider message id, with or without angle brackets (they are removed). */
        public Builder messageId(String messageId) {
            this.messageId = MessageIds.normalise(messageId);
            return this;
        }

        public Builder httpStatus(Integer httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        /** Method, host and path of the API request; a query string in {@code path} is dropped (it may hold secrets). */
        public Builder httpRequest(String method, String host, String path) {
            this.httpMethod = method;
            this.urlDomain = host;
            this.urlPath = path == null ? null : stripQuery(path);
            return this;
        }

        /** Host and port of the server called (SMTP server or API endpoint). */
        public Builder server(String address, Integer port) {
            this.serverAddress = address;
            this.serverPort = port == null || port < 0 ? null : port;
            return this;
        }

        public Builder smtpReplyCode(Integer smtpReplyCode) {
            this.smtpReplyCode = smtpReplyCode == null || smtpReplyCode <= 0 ? null : smtpReplyCode;
            return this;
        }

        public Builder smtpEnhancedStatus(String smtpEnhancedStatus) {
            this.smtpEnhancedStatus = smtpEnhancedStatus;
            return this;
        }

        /** Last server response line; redacted by the tracker before logging. */
        public Builder smtpResponse(String smtpResponse) {
            this.smtpResponse = smtpResponse;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
            return this;
        }

        public Builder rateLimitRemaining(Long rateLimitRemaining) {
            this.rateLimitRemaining = rateLimitRemaining;
            return this;
        }

        /** The provider's id of the API request, for its support (blank is none). */
        public Builder requestId(String requestId) {
            this.requestId = requestId == null || requestId.isBlank() ? null : requestId.strip();
            return this;
        }

        public AttemptResult build() {
            return new AttemptResult(this);
        }

        private static String stripQuery(String path) {
            int cut = path.length();
            int q = path.indexOf('?');
            int h = path.indexOf('#');
            if (q >= 0) {
                cut = q;
            }
            if (h >= 0 && h < cut) {
                cut = h;
            }
            return path.substring(0, cut);
        }
    }
}
