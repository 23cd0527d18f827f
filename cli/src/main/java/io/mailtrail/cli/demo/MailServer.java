package io.mailtrail.cli.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailtrail.testsupport.ScriptedSmtpServer;
import io.mailtrail.testsupport.SmtpStage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.List;

/**
 * The demo's SMTP servers, on free loopback ports, without authentication or TLS: GreenMail, which the
 * application's SMTP provider sends to and the alert engine mails to; and, since GreenMail accepts every
 * recipient, a {@link ScriptedSmtpServer} that answers {@code RCPT TO} as a mail server does for an address that
 * does not exist ({@code 550 5.1.1}), which the application's messages to unknown addresses reach.
 */
final class MailServer implements Resources.Part {

    /** What the rejecting server answers to every recipient. */
    static final String UNKNOWN_USER = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";

    private final GreenMail greenMail;
    private final ScriptedSmtpServer rejecting;

    MailServer() throws java.io.IOException {
        greenMail = new GreenMail(new ServerSetup(2525, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            rejecting = ScriptedSmtpServer.start().reply(SmtpStage.RCPT, UNKNOWN_USER);
        } catch (java.io.IOException | RuntimeException e) {
            greenMail.stop();
            throw e;
        }
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    int rejectingPort() {
        return rejecting.port();
    }

    /** The messages received so far addressed to {@code to}. */
    List<MimeMessage> receivedBy(String to) {
        return List.of(greenMail.getReceivedMessages()).stream().filter(m -> {
            try {
                return m.getAllRecipients() != null && List.of(m.getAllRecipients()).stream().anyMatch(a -> a.toString().contains(to));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    int received() {
        return greenMail.getReceivedMessages().length;
    }

    @Override
    public void stop() throws java.io.IOException {
        try {
            rejecting.close();
        } finally {
            greenMail.stop();
        }
    }
}
