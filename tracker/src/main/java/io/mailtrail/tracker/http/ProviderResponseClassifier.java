package io.mailtrail.tracker.http;

/**
 * Classifies one provider's HTTP responses to a send call. Implementations are stateless and thread-safe, and
 * never throw for any response: an unknown, empty, HTML or invalid-JSON body is classified from the status.
 */
public interface ProviderResponseClassifier {

    /** The provider's name: {@code ses}, {@code sendgrid}, {@code mailgun}, {@code postmark} or {@code resend}. */
    String provider();

    /** The classification of one response. */
    HttpCallResult classify(HttpResponseView response);
}
