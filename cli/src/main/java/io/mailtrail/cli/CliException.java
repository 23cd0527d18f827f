package io.mailtrail.cli;

/**
 * A failure the user can act on: the message says what went wrong and what to do, and is printed without a
 * stack trace; {@link #exitCode()} is the process status.
 */
public class CliException extends RuntimeException {

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** A command-line mistake. */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
