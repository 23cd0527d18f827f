package io.mailtrail.cli.demo;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.List;

/** Reads an alert email for the demo's ending: its subject and the first lines of its text. */
final class AlertMails {

    private AlertMails() {
    }

    static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (MessagingException e) {
            return "(unreadable subject: " + e.getMessage() + ")";
        }
    }

    static List<String> firstLines(MimeMessage m, int n) {
        try {
            String text = text(m);
            return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(n).toList();
        } catch (MessagingException | IOException e) {
            return List.of("(unreadable body: " + e.getMessage() + ")");
        }
    }

    /** The plain text part, or the HTML part with its tags removed. */
    private static String text(Part p) throws MessagingException, IOException {
        if (p.isMimeType("text/plain")) {
            return String.valueOf(p.getContent());
        }
        if (p.isMimeType("text/html")) {
            return String.valueOf(p.getContent()).replaceAll("(?s)<style.*?</style>", "").replaceAll("<[^>]+>", "\n");
        }
        if (p.getContent() instanceof Multipart mp) {
            String html = null;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return String.valueOf(part.getContent());
                }
                String inner = text(part);
                if (inner != null && html == null) {
                    html = inner;
                }
            }
            return html;
        }
        return null;
    }
}
