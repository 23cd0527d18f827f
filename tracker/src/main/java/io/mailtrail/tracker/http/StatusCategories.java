package io.mailtrail.tracker.http;

import io.mailtrail.schema.ErrorCategory;

/** The category a failed status means when the body says nothing more specific. */
final class StatusCategories {

    private StatusCategories() {
    }

    static ErrorCategory of(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCategory.AUTHENTICATION;
            case 408 -> ErrorCategory.TIMEOUT;
            case 413 -> ErrorCategory.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCategory.RATE_LIMITED;
            // 402 means different things per provider (Mailgun: "request failed"); the raw code tells more
            case 402 -> ErrorCategory.UNKNOWN;
            default -> {
                if (status >= 500 && status < 600) {
                    yield ErrorCategory.PROVIDER_UNAVAILABLE;
                }
                if (status >= 400 && status < 500) {
                    yield ErrorCategory.INVALID_REQUEST;
                }
                // 1xx/3xx never end a send call; a 2xx the provider did not accept is classified by the caller
                yield ErrorCategory.UNKNOWN;
            }
        };
    }
}
