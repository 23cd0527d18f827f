package io.mailtrail.alerts.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Sends {@link MailMessage}s over SMTP with Jakarta Mail: plain, STARTTLS (required) or implicit TLS,
 * SMTP AUTH when a user is set. One connection per mail: alert mails are rare and a held connection
 * would only go stale.
 *
 * <p>MIME layout: {@code multipart/mixed} (only with attachments) around {@code multipart/alternative}
 * (text, then HTML), the HTML inside {@code multipart/related} with its inline images when it has any.
 */
public final class SmtpMailSender implements MailSender {

    private final SmtpSettings settings;
    private final Session session;

    public SmtpMailSender(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(SmtpSettings s) {
        String p = s.security() == SmtpSecurity.TLS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol(s));
        props.setProperty(p + "host", s.host());
        props.setProperty(p + "port", Integer.toString(s.port()));
        props.setProperty(p + "auth", Boolean.toString(s.username().isPresent()));
        String millis = Long.toString(s.timeout().toMillis());
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        if (s.security() == SmtpSecurity.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (s.security() != SmtpSecurity.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", Boolean.toString(s.sslTrust().isEmpty()));
            s.sslTrust().ifPresent(t -> props.setProperty(p + "ssl.trust", t));
        }
        return props;
    }

    private static String protocol(SmtpSettings s) {
        return s.security() == SmtpSecurity.TLS ? "smtps" : "smtp";
    }

    @Override
    public String send(MailMessage message) {
        MimeMessage mime;
        try {
            mime = mime(message);
        } catch (AddressException e) {
            throw new MailDeliveryException("mail address: " + oneLine(e.getMessage())
                    + (e.getRef() == null ? "" : " in '" + e.getRef() + "'"), false);
        } catch (MessagingException e) {
            throw new MailDeliveryException("could not build the mail: " + describe(e), false);
        }
        try (Transport transport = session.getTransport(protocol(settings))) {
            if (settings.username().isPresent()) {
                transport.connect(settings.host(), settings.port(), settings.username().get(), settings.password());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            transport.sendMessage(mime, mime.getAllRecipients());
            return mime.getMessageID();
        } catch (MessagingException e) {
            throw new MailDeliveryException("could not send mail via " + settings.address() + ": " + describe(e),
                    retryable(e));
        }
    }

    private MimeMessage mime(MailMessage m) throws MessagingException {
        String id = m.messageId().orElse(null);
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (id == null) {
                    super.updateMessageID();
                } else {
                    setHeader("Message-ID", "<" + id + ">");
                }
            }
        };
        mime.setFrom(new InternetAddress(m.from().orElse(settings.from()), true));
        mime.setRecipients(Message.RecipientType.TO, addresses(m.to()));
        mime.setRecipients(Message.RecipientType.CC, addresses(m.cc()));
        mime.setRecipients(Message.RecipientType.BCC, addresses(m.bcc()));
        if (!m.replyTo().isEmpty()) {
            mime.setReplyTo(addresses(m.replyTo()));
        }
        mime.setSubject(m.subject(), "UTF-8");
        mime.setSentDate(new Date());
        m.priority().ifPresent(p -> setPriority(mime, p));

        MimeBodyPart content = content(m);
        if (m.attachments().isEmpty()) {
            Object c;
            try {
                c = content.getContent();
            } catch (java.io.IOException e) {
                throw new MessagingException("body", e);
            }
            if (c instanceof Multipart mp) {
                mime.setContent(mp);
            } else {
                mime.setText((String) c, "UTF-8", m.html().isPresent() ? "html" : "plain");
            }
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(content);
            for (Attachment a : m.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.data(), a.contentType())));
                part.setFileName(a.fileName());
                part.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            mime.setContent(mixed);
        }
        mime.saveChanges();
        return mime;
    }

    private static MimeBodyPart content(MailMessage m) throws MessagingException {
        MimeBodyPart textPart = null;
        if (m.text().isPresent()) {
            textPart = new MimeBodyPart();
            textPart.setText(m.text().get(), "UTF-8", "plain");
        }
        if (m.html().isEmpty()) {
            return textPart;
        }
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(m.html().get(), "UTF-8", "html");
        if (!m.inlineImages().isEmpty()) {
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(htmlPart);
            for (InlineImage image : m.inlineImages()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.data(), image.contentType())));
                part.setContentID("<" + image.contentId() + ">");
                part.setDisposition(Part.INLINE);
                part.setFileName(image.fileName());
                related.addBodyPart(part);
            }
            htmlPart = new MimeBodyPart();
            htmlPart.setContent(related);
        }
        if (textPart == null) {
            return htmlPart;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart);
        alternative.addBodyPart(htmlPart);
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        return wrapper;
    }

    private static InternetAddress[] addresses(List<String> values) throws AddressException {
        List<InternetAddress> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(List.of(InternetAddress.parse(v, true)));
        }
        return out.toArray(InternetAddress[]::new);
    }

    private static void setPriority(MimeMessage mime, String priority) {
        String level = switch (priority.toLowerCase(Locale.ROOT)) {
            case "highest" -> "1";
            case "high" -> "2";
            case "normal" -> "3";
            case "low" -> "4";
            case "lowest" -> "5";
            default -> throw new IllegalArgumentException(
                    "mail priority: expected highest, high, normal, low or lowest, got '" + priority + "'");
        };
        try {
            mime.setHeader("X-Priority", level);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exception chain as one line, with the password (should a server ever echo it) masked. */
    private String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = text(t);
            if (text != null && !text.equals(previous)) {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(text);
                previous = text;
            }
            if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t.getCause()) {
                String next = text(me.getNextException());
                if (next != null) {
                    out.append(": ").append(next);
                }
            }
        }
        String line = out.length() == 0 ? e.getClass().getSimpleName() : out.toString();
        if (settings.hasPassword() && !settings.password().isEmpty()) {
            line = line.replace(settings.password(), "***");
        }
        return line;
    }

    private static String text(Throwable t) {
        if (t instanceof AuthenticationFailedException) {
            return "authentication failed" + (t.getMessage() == null ? "" : " (" + oneLine(t.getMessage()) + ")");
        }
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        if (t instanceof ConnectException) {
            return "connection refused" + (t.getMessage() == null ? "" : " (" + oneLine(t.getMessage()) + ")");
        }
        if (t instanceof SocketTimeoutException) {
            return "timed out";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : oneLine(m);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static boolean retryable(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return false;
            }
            if (t instanceof SMTPAddressFailedException af) {
                return af.getReturnCode() / 100 == 4;
            }
            if (t instanceof SMTPSendFailedException sf) {
                return sf.getReturnCode() / 100 == 4;
            }
            if (t instanceof SendFailedException sf && sf.getInvalidAddresses() != null && sf.getInvalidAddresses().length > 0
                    && (sf.getValidUnsentAddresses() == null || sf.getValidUnsentAddresses().length == 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SmtpMailSender{" + settings + "}";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
