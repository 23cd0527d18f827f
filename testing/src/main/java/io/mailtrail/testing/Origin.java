package io.mailtrail.testing;

/** Where the node under test came from, in the order they are tried. */
public enum Origin {
    /** {@code MAILTRAIL_ES_URL} points at a cluster someone else runs. */
    EXTERNAL("external cluster from MAILTRAIL_ES_URL"),
    /** A Testcontainers {@code ElasticsearchContainer}: for machines with a Docker engine. */
    DOCKER("Docker container via Testcontainers"),
    /** The integ-test-zip distribution from Maven Central, run as a child process. */
    MAVEN_ZIP("Maven Central integ-test-zip, child process");

    private final String description;

    Origin(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
