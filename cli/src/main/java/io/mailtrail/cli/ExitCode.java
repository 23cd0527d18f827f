package io.mailtrail.cli;

/** The exit status of a {@code mailtrail} command; documented in the cli README. */
public enum ExitCode {
    /** The command did what it was asked (also: a dry run that found what it would do). */
    OK(0),
    /** Something failed that is none of the cases below, e.g. Elasticsearch rejected an asset. */
    FAILED(1),
    /** The command line is wrong: unknown command or option, missing or invalid value. */
    USAGE(2),
    /** Elasticsearch could not be reached: connection refused, unknown host, TLS handshake failed. */
    UNREACHABLE(3),
    /** Elasticsearch refused the credentials (401) or the user lacks a privilege (403). */
    NOT_AUTHORIZED(4),
    /** The cluster is too old or lacks a feature mailtrail needs. */
    UNSUPPORTED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
