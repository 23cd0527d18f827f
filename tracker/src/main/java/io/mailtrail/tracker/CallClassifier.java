package io.mailtrail.tracker;

/**
 * Turns what a call returned or threw into an {@link AttemptResult}. Adapters provide one per protocol
 * (an HTTP provider, SMTP); the default treats every return as success and classifies exceptions with
 * {@link ExceptionClassifier}. Implementations must be thread-safe; if one throws, the tracker records a
 * minimal result instead and the caller is not affected.
 *
 * @param <T> the call's result type
 */
public interface CallClassifier<T> {

    /** Classifies a value the call returned (an HTTP 429 response is a returned value, not an exception). */
    AttemptResult classifyResult(T result);

    /** Classifies an exception the call threw. */
    default AttemptResult classifyError(Throwable error) {
        return ExceptionClassifier.classify(error).build();
    }

    /** Returning means the provider accepted the message; exceptions are classified by their type. */
    static <T> CallClassifier<T> returnMeansSuccess() {
        return result -> AttemptResult.success().build();
    }
}
