package io.mailtrail.cli.live;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where a live view is drawn. On a terminal it redraws in place (ANSI: cursor up, clear to the end); elsewhere
 * (a pipe, a file, CI) it prints each frame as plain lines under a time stamp, so a log reads top to bottom.
 */
public final class Screen {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final boolean ansi;
    private final Clock clock;
    private int drawn;

    public Screen(PrintStream out, boolean ansi, Clock clock) {
        this.out = out;
        this.ansi = ansi;
        this.clock = clock;
    }

    /**
     * A terminal that understands ANSI: the JVM has a console (stdout is not redirected) and {@code TERM} is not
     * {@code dumb}.
     */
    public static boolean terminal(java.util.Map<String, String> env) {
        return System.console() != null && !"dumb".equals(env.get("TERM"));
    }

    public boolean ansi() {
        return ansi;
    }

    /** Draws one frame, replacing the previous one on a terminal. */
    public synchronized void frame(List<String> lines) {
        if (ansi) {
            StringBuilder b = new StringBuilder();
            if (drawn > 0) {
                b.append("\033[").append(drawn).append('F');
            }
            b.append("\033[J");
            lines.forEach(l -> b.append(l).append('\n'));
            out.print(b);
            drawn = lines.size();
        } else {
            out.println("-- " + LocalTime.now(clock.withZone(ZoneId.systemDefault())).format(TIME));
            lines.forEach(out::println);
        }
        out.flush();
    }

    /** A line that stays (a message between frames): the next frame is drawn below it. */
    public synchronized void line(String line) {
        out.println(line);
        drawn = 0;
    }
}
