package io.mailtrail.alerts.mail;

/** Sends mails. Implementations are thread-safe. */
public interface MailSender {

    /**
     * Sends one mail and returns once the server accepted it.
     *
     * @return the {@code Message-ID} header of the sent mail
     * @throws MailDeliveryException one clear line when the server is unreachable or refuses the mail
     */
    String send(MailMessage message);
}
