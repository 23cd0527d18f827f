package io.mailtrail.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a command talks to besides the cluster: its output streams and the environment, passed in so that
 * tests run commands in-process.
 *
 * @param out normal output (the report)
 * @param err errors and warnings
 * @param env environment variables (e.g. {@code MAILTRAIL_ES_PASSWORD})
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env) {

    public Console {
        env = Map.copyOf(env);
    }

    /** The process's own streams and environment. */
    public static Console system() {
        return new Console(System.out, System.err, System.getenv());
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** Without the environment's values: they may be secrets. */
    @Override
    public String toString() {
        return "Console[" + env.size() + " environment variables]";
    }
}
