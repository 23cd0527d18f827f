package io.mailtrail.alerts.cluster;

/** A request failed: {@link #status()} is the HTTP status, or 0 when the cluster was not reached. */
public final class ClusterException extends RuntimeException {

    private final int status;

    public ClusterException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Whether the cluster could not be reached at all (network, timeout). */
    public boolean unreachable() {
        return status == 0;
    }
}
