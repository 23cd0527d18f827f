package io.mailtrail.spring.boot.mail;

/**
 * Marks a {@code JavaMailSender} whose sends mailtrail tracks (the proxy the starter puts around each
 * {@code JavaMailSenderImpl} bean). {@link #isTracked()} lets an application or a test check it.
 */
public interface TrackedMailSender {

    /** Always true: this sender's sends are tracked. */
    default boolean isTracked() {
        return true;
    }
}
