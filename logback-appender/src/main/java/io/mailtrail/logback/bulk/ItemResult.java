package io.mailtrail.logback.bulk;

/**
 * What Elasticsearch answered for one item of a {@code _bulk} request.
 *
 * @param status the item's HTTP status
 * @param error  the item's {@code error} object as JSON text, or null
 */
public record ItemResult(int status, String error) {

    /** Indexed now (201, or 200) or earlier (409 on {@code create}: a replay of a document already there). */
    public boolean stored() {
        return status == 200 || status == 201 || status == 409;
    }

    /** Rejected for now only (429 too many requests, 503 unavailable): send again later. */
    public boolean retryable() {
        return status == 429 || status == 503;
    }
}
