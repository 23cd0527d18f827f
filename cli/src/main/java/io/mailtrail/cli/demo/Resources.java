package io.mailtrail.cli.demo;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the demo started, stopped in reverse order exactly once: at the normal end, on a failure, or by the
 * JVM's shutdown hook when the user presses Ctrl-C. The node is registered first, so it is stopped last, after
 * the appender delivered what it still held.
 */
final class Resources implements AutoCloseable {

    /** A part of the demo that can be stopped; stopping never throws. */
    @FunctionalInterface
    interface Part {
        void stop() throws Exception;
    }

    private record Named(String name, Part part) {
    }

    private final Deque<Named> started = new ArrayDeque<>();
    private final PrintStream err;
    private final Thread hook;
    private boolean closed;

    Resources(PrintStream err) {
        this.err = err;
        this.hook = new Thread(this::closeFromHook, "mailtrail-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers a started part. */
    synchronized <T extends Part> T add(String name, T part) {
        if (closed) {
            stopQuietly(new Named(name, part));
            throw new IllegalStateException("the demo is stopping");
        }
        started.push(new Named(name, part));
        return part;
    }

    /** Stops one part now (its place in the order no longer matters), e.g. the application at the end of the run. */
    synchronized void stop(Part part) {
        Named found = started.stream().filter(n -> n.part() == part).findFirst().orElse(null);
        if (found != null) {
            started.remove(found);
            stopQuietly(found);
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    private void closeFromHook() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        err.println();
        err.println("mailtrail demo: stopping everything it started...");
        stopAll();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs or ran
        }
    }

    private synchronized void stopAll() {
        closed = true;
        while (!started.isEmpty()) {
            stopQuietly(started.pop());
        }
    }

    private void stopQuietly(Named n) {
        try {
            n.part().stop();
        } catch (Exception | LinkageError e) {
            err.println("mailtrail demo: stopping " + n.name() + " failed: " + e);
        }
    }
}
