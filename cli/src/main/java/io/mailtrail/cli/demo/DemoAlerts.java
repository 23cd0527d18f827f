package io.mailtrail.cli.demo;

/**
 * The alert side of the demo: evaluates the shipped watches against the demo's data streams on shortened
 * schedules, mailing alerts to the demo's SMTP server. One implementation per alert engine.
 */
interface DemoAlerts extends Resources.Part {

    /** What the live view says about alerting, e.g. the schedules used. */
    String description();

    /** How long one more round of every watch takes, waited for before the summary. */
    default java.time.Duration lastRound() {
        return java.time.Duration.ZERO;
    }

    /** Until the alert engine is part of the build: says so, and fires nothing. */
    static DemoAlerts none() {
        return new DemoAlerts() {
            @Override
            public String description() {
                return "alerts: the alert engine is not part of this build yet (watcher-rules/ and `alerts run` arrive with it)";
            }

            @Override
            public void stop() {
            }
        };
    }
}
