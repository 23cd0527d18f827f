package io.mailtrail.testing;

/** How the node is configured. */
public enum Flavour {
    /** HTTP, no authentication. */
    PLAIN,
    /**
     * HTTPS with a generated CA, a superuser, a least-privilege writer of {@code logs-*} and a service
     * bearer token.
     */
    SECURED
}
