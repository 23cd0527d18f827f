package io.mailtrail.cli.live;

import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Runs a view's refresh every interval. A cluster that can't be reached (down, restarting, a network blip) is
 * one readable line on stderr and another try at the next interval, not the end of the view; wrong credentials,
 * a missing privilege or a usage mistake end it with their own message.
 */
public final class Poller {

    /** One refresh; returns false to stop. */
    @FunctionalInterface
    public interface Tick {
        boolean run();
    }

    private final Duration interval;
    private final PrintStream err;
    private final String name;

    public Poller(String name, Duration interval, PrintStream err) {
        this.name = name;
        this.interval = interval;
        this.err = err;
    }

    /**
     * Refreshes until {@code tick} says stop, {@code maxTicks} refreshes were made (0: no limit), or the thread is
     * interrupted (Ctrl-C).
     *
     * @return how many refreshes were made, and how many of them found the cluster unreachable
     */
    public Outcome run(Tick tick, int maxTicks) {
        return run(tick, maxTicks, () -> true);
    }

    /** As {@link #run(Tick, int)}, and also stops once {@code more} says so (checked before each refresh). */
    public Outcome run(Tick tick, int maxTicks, java.util.function.BooleanSupplier more) {
        int unreachable = 0;
        int made = 0;
        while ((maxTicks == 0 || made < maxTicks) && more.getAsBoolean()) {
            made++;
            try {
                if (!tick.run()) {
                    break;
                }
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNREACHABLE) {
                    throw e;
                }
                unreachable++;
                err.println("mailtrail " + name + ": " + e.getMessage() + " Retrying in " + Durations.format(interval) + ".");
            }
            if (maxTicks != 0 && made == maxTicks) {
                break;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(made, unreachable);
    }

    /** What a run of refreshes did. */
    public record Outcome(int refreshes, int unreachable) {

        /** Not one refresh reached the cluster: the command's exit status says so. */
        public boolean neverReached() {
            return refreshes > 0 && unreachable >= refreshes;
        }
    }
}
