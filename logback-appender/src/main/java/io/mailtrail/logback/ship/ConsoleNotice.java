package io.mailtrail.logback.ship;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.status.OnPrintStreamStatusListenerBase;
import ch.qos.logback.core.status.StatusListener;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * Says the few things a user must not miss once on the console (stderr), the way Logback itself prints its
 * configuration errors: the appender did not start, the cluster is unreachable, events were left behind at stop,
 * the spool could not be used. Each kind is printed at most once per appender; everything else stays in
 * the status manager only. Nothing is printed when a console status listener is already registered (it prints
 * the same report itself). Never prints a secret: the messages are the status messages, which never hold one.
 */
public final class ConsoleNotice {

    /** What the console is told about, once each. */
    public enum Kind {
        NOT_STARTED, UNREACHABLE, LEFT_BEHIND, SPOOL_UNUSABLE
    }

    private static final String HINT = " [shown once; for every report add "
            + "<statusListener class=\"ch.qos.logback.core.status.OnConsoleStatusListener\"/> to logback.xml]";

    private final Context context;
    private final String who;
    private final PrintStream out;
    private final Set<Kind> said = EnumSet.noneOf(Kind.class);

    /**
     * @param who names the appender at the start of each line, e.g. {@code ElasticsearchAppender[ELASTIC]}
     * @param out usually {@code System.err}
     */
    public ConsoleNotice(Context context, String who, PrintStream out) {
        this.context = context;
        this.who = who;
        this.out = out;
    }

    /** Prints the message unless this kind was printed already or a console status listener prints it anyway. */
    public void once(Kind kind, String message) {
        synchronized (said) {
            if (!said.add(kind)) {
                return;
            }
        }
        if (consoleListenerPresent()) {
            return;
        }
        out.println("mailtrail " + who + ": " + message + HINT);
        out.flush();
    }

    private boolean consoleListenerPresent() {
        if (context == null || context.getStatusManager() == null) {
            return false;
        }
        for (StatusListener l : context.getStatusManager().getCopyOfStatusListenerList()) {
            if (l instanceof OnPrintStreamStatusListenerBase) {
                return true;
            }
        }
        return false;
    }
}
