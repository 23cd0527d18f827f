package io.mailtrail.tracker;

import io.mailtrail.schema.ErrorCategory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/**
 * Classifies exceptions of the JDK's network stack, the part every client shares. The rule that matters:
 * a failure before the request left (connect refused, DNS, TLS handshake, connect timeout) is a retryable
 * {@code failure}; a timeout or broken connection after it left has an {@code unknown} outcome and is not
 * retryable by default, because providers (except Resend) have no idempotency key and a retry may send twice.
 */
public final class ExceptionClassifier {

    private static final int MAX_CAUSES = 16;

    private ExceptionClassifier() {
    }

    /** A builder pre-filled from the exception and its causes; adapters refine it. */
    public static AttemptResult.Builder classify(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            AttemptResult.Builder known = classifyOne(t);
            if (known != null) {
                return known;
            }
        }
        if (error instanceof IOException) {
            // Connection broken at an unknown point: the provider may have accepted the message.
            return AttemptResult.unknown(ErrorCategory.NETWORK).errorMessage(error.getMessage());
        }
        return AttemptResult.failure(ErrorCategory.UNKNOWN).errorMessage(error == null ? null : error.getMessage());
    }

    /** True when the exception or one of its causes is a connect-phase failure (nothing was sent). */
    public static boolean isConnectTimeout(Throwable t) {
        if (t instanceof HttpConnectTimeoutException) {
            return true;
        }
        return t instanceof SocketTimeoutException && t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("connect");
    }

    private static AttemptResult.Builder classifyOne(Throwable t) {
        if (isConnectTimeout(t)) {
            return AttemptResult.failure(ErrorCategory.TIMEOUT).retryable(true).errorMessage(t.getMessage());
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            return AttemptResult.unknown(ErrorCategory.TIMEOUT).errorMessage(t.getMessage());
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                || t instanceof PortUnreachableException || t instanceof SSLException) {
            return AttemptResult.failure(ErrorCategory.NETWORK).errorMessage(t.getMessage());
        }
        if (t instanceof InterruptedIOException) {
            return AttemptResult.unknown(ErrorCategory.TIMEOUT).errorMessage(t.getMessage());
        }
        return null;
    }
}
