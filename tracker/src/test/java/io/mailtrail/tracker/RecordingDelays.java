package io.mailtrail.tracker;

import io.mailtrail.tracker.retry.Delays;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** Records the delays asked for and does not wait: retry tests run instantly. */
public final class RecordingDelays implements Delays {
    public final List<Duration> asked = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration delay) {
        asked.add(delay);
    }

    @Override
    public Executor after(Duration delay) {
        asked.add(delay);
        return Runnable::run;
    }
}
