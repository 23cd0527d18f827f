package io.mailtrail.alerts.support;

/**
 * A watch could not be parsed, compiled, run or rendered. Messages follow Watcher's own wording (so users
 * who know Watcher recognise them) and name the JSON path of the offending part when known.
 */
public class WatchException extends RuntimeException {

    /** Where in the watch flow the failure happened. */
    public enum Phase { PARSE, COMPILE, EXECUTE, RENDER }

    private final Phase phase;
    private final String jsonPath;

    public WatchException(Phase phase, String message) {
        this(phase, message, null, null);
    }

    public WatchException(Phase phase, String message, Throwable cause) {
        this(phase, message, cause, null);
    }

    private WatchException(Phase phase, String message, Throwable cause, String jsonPath) {
        super(message, cause, false, false);
        this.phase = phase;
        this.jsonPath = jsonPath;
    }

    /** This failure located at a JSON path of the watch ({@code $.actions.email_oncall.email}); an inner path wins. */
    public WatchException at(String path) {
        return jsonPath != null ? this : new WatchException(phase, getMessage(), getCause(), path);
    }

    /** Where in the watch the failure is, e.g. {@code $.condition.compare}; {@code $} when unknown. */
    public String jsonPath() {
        return jsonPath == null ? "$" : jsonPath;
    }

    public static WatchException parse(String message) {
        return new WatchException(Phase.PARSE, message);
    }

    public static WatchException parse(String message, Throwable cause) {
        return new WatchException(Phase.PARSE, message, cause);
    }

    public Phase phase() {
        return phase;
    }

    /** The message with every cause's message, joined with {@code ": "} as Watcher reports them. */
    public static String fullMessage(Throwable e) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!m.equals(previous)) {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(m);
            }
            previous = m;
        }
        return out.toString();
    }
}
