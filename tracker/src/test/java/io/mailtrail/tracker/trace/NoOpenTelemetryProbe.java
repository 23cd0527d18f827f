package io.mailtrail.tracker.trace;

import io.mailtrail.tracker.CapturedEvents;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;

import java.util.concurrent.Callable;

/** Loaded by {@link WithoutOpenTelemetryTest} in a class loader that has no OpenTelemetry classes. */
public class NoOpenTelemetryProbe implements Callable<String> {

    @Override
    public String call() {
        try {
            Class.forName("io.opentelemetry.api.trace.Span");
            throw new AssertionError("opentelemetry-api is visible: the isolation failed");
        } catch (ClassNotFoundException expected) {
            // as intended
        }
        CapturedEvents events = new CapturedEvents();
        MailTracker tracker = MailTracker.builder().loggerFactory(events.loggerFactory()).build();
        String result = tracker.track(Email.builder("smtp").to("a@b.example").build(), () -> "sent");
        if (!"sent".equals(result)) {
            throw new AssertionError("result changed: " + result);
        }
        return (String) events.onlyCall().get("trace.id");
    }
}
