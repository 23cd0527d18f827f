package io.mailtrail.cli.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.List;

/**
 * The demo's SMTP server (GreenMail, on a free loopback port): the application's SMTP provider sends to it, and so
 * does the alert engine. No authentication, no TLS: it is a local test server.
 */
final class MailServer implements Resources.Part {

    private final GreenMail greenMail;

    MailServer() {
        greenMail = new GreenMail(new ServerSetup(2525, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    int port() {
        return greenMail.getSmtp().getPort();
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
    public void stop() {
        greenMail.stop();
    }
}
