package io.mailtrail.tracker.smtp;

import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * What the classifier needs to know about the attempt in flight: how far it got (a timeout while
 * connecting is safe to retry, one after the message was sent is not) and the transport, whose last reply
 * is the best source of the code when the exception carries none. One per send; attempts run one at a time.
 */
final class SmtpAttemptState {

    private volatile SmtpCommand stage = SmtpCommand.CONNECT;
    private volatile Transport transport;
    private volatile String messageId;

    void begin(Transport t) {
        this.transport = t;
        this.stage = SmtpCommand.CONNECT;
    }

    void sending() {
        this.stage = SmtpCommand.DATA;
    }

    SmtpCommand stage() {
        return stage;
    }

    /** The message's {@code Message-ID}, once {@code saveChanges()} has set it (the same for every retry). */
    void messageId(String id) {
        this.messageId = id;
    }

    String messageId() {
        return messageId;
    }

    /** The transport's last reply, if it is an SMTP transport that got one. */
    SmtpReply lastReply() {
        Transport t = transport;
        if (t instanceof SMTPTransport smtp) {
            int code = smtp.getLastReturnCode();
            String text = smtp.getLastServerResponse();
            if (code > 0 || text != null) {
                return SmtpReply.parse(code, text);
            }
        }
        return null;
    }
}
