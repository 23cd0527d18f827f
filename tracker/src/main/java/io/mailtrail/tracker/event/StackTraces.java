package io.mailtrail.tracker.event;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A compact stack trace: each throwable of the cause chain with its first frames, plus the first frames of the
 * application's own code when those come later, so that a capped trace still shows the root cause and where the
 * application called from, instead of only fifty frames of an SDK or a framework (an AWS SDK failure has a dozen
 * SDK frames before the first application frame).
 */
final class StackTraces {

    /** Frames shown from the top of each throwable: where it was thrown. */
    private static final int TOP_FRAMES = 8;
    /** Frames shown from the first frame outside {@link #LIBRARIES}: the application's call. */
    private static final int APPLICATION_FRAMES = 4;
    private static final int MAX_CAUSES = 8;

    /**
     * Packages of the JDK and the libraries an email send runs through: their frames are not the application's.
     * mailtrail's own frames count as library frames too.
     */
    private static final List<String> LIBRARIES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.eclipse.angus.", "com.sun.mail.", "software.amazon.", "com.amazonaws.", "com.sendgrid.", "com.mailgun.",
            "com.postmarkapp.", "com.resend.", "io.netty.", "reactor.", "okhttp3.", "okio.", "retrofit2.", "kotlin.",
            "kotlinx.", "org.apache.", "com.fasterxml.", "com.google.", "org.springframework.", "org.junit.",
            "io.opentelemetry.", "org.slf4j.", "ch.qos.logback.", "io.mailtrail.");

    private StackTraces() {
    }

    static String compact(Throwable error) {
        StringBuilder out = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES && seen.add(t); depth++, t = t.getCause()) {
            if (depth > 0) {
                out.append("Caused by: ");
            }
            out.append(t).append('\n');
            appendFrames(out, t.getStackTrace());
        }
        return out.toString();
    }

    private static void appendFrames(StringBuilder out, StackTraceElement[] frames) {
        int top = Math.min(frames.length, TOP_FRAMES);
        for (int i = 0; i < top; i++) {
            out.append("\tat ").append(frames[i]).append('\n');
        }
        int shownUpTo = top;
        if (!hasApplicationFrame(frames, 0, top)) {
            int app = firstApplicationFrame(frames, top);
            if (app >= 0) {
                if (app > top) {
                    out.append("\t... ").append(app - top).append(" library frames\n");
                }
                int end = Math.min(frames.length, app + APPLICATION_FRAMES);
                for (int i = app; i < end; i++) {
                    out.append("\tat ").append(frames[i]).append('\n');
                }
                shownUpTo = end;
            }
        }
        if (frames.length > shownUpTo) {
            out.append("\t... ").append(frames.length - shownUpTo).append(" more\n");
        }
    }

    private static boolean hasApplicationFrame(StackTraceElement[] frames, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isLibrary(frames[i])) {
                return true;
            }
        }
        return false;
    }

    private static int firstApplicationFrame(StackTraceElement[] frames, int from) {
        for (int i = from; i < frames.length; i++) {
            if (!isLibrary(frames[i])) {
                return i;
            }
        }
        return -1;
    }

    static boolean isLibrary(StackTraceElement frame) {
        String c = frame.getClassName();
        for (String p : LIBRARIES) {
            if (c.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
