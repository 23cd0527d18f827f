package io.mailtrail.tracker.event;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A compact stack trace: each throwable of the cause chain with its first frames only, so that a capped
 * trace still shows the root cause instead of fifty framework frames of the outermost exception.
 */
final class StackTraces {

    private static final int FRAMES_PER_THROWABLE = 12;
    private static final int MAX_CAUSES = 8;

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
            StackTraceElement[] frames = t.getStackTrace();
            int shown = Math.min(frames.length, FRAMES_PER_THROWABLE);
            for (int i = 0; i < shown; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > shown) {
                out.append("\t... ").append(frames.length - shown).append(" more\n");
            }
        }
        return out.toString();
    }
}
