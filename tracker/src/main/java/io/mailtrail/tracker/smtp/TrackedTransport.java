package io.mailtrail.tracker.smtp;

import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.MessageIds;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends messages over SMTP with Jakarta Mail and tracks each send: one event per attempt with the reply
 * code, enhanced status, server response and message id, failures classified from the SMTP reply.
 * Each attempt opens its own connection ({@link Session#getTransport(String)}, connect, send, close).
 * Thread-safe when the session is.
 *
 * <pre>{@code
 * TrackedTransport smtp = TrackedTransport.builder(tracker, session).credentials(user, password).build();
 * SmtpReceipt receipt = smtp.send(Email.builder("smtp").template("welcome").to(address).build(), message);
 * }</pre>
 */
public final class TrackedTransport {

    /** Amazon SES answers the end of data with {@code 250 Ok <message id>}: the id its events use. */
    private static final Pattern PROVIDER_ID_REPLY = Pattern.compile("^250 Ok (\\S{20,})$");

    private final MailTracker tracker;
    private final Session session;
    private final String protocol;
    private final String user;
    private final String password;
    private final String host;
    private final Integer port;
    /** Whether host or port were given to the builder: then they are passed to connect, not read from the session. */
    private final boolean explicitServer;
    private final boolean keepMessageId;

    private TrackedTransport(Builder b) {
        this.tracker = b.tracker;
        this.session = b.session;
        this.protocol = b.protocol;
        this.user = b.user;
        this.password = b.password;
        this.keepMessageId = b.keepMessageId;
        Properties props = session.getProperties();
        b.timeouts.applyTo(props, protocol);
        this.explicitServer = b.host != null || b.port != null;
        this.host = firstNonNull(b.host, props.getProperty("mail." + protocol + ".host"), props.getProperty("mail.host"), "localhost");
        String p = props.getProperty("mail." + protocol + ".port");
        this.port = b.port != null ? b.port : p != null ? parsePort(p) : "smtps".equals(protocol) ? 465 : 25;
    }

    /**
     * Starts configuring. The session's properties get the {@linkplain SmtpTimeouts#DEFAULTS default timeouts}
     * for any timeout they lack (the session is changed: its defaults are infinite).
     */
    public static Builder builder(MailTracker tracker, Session session) {
        return new Builder(tracker, session);
    }

    /**
     * Sends {@code message} to all its recipients and returns the server's answer. {@code saveChanges()} is
     * called once per send (as {@code Transport.send} does): it sets the {@code Message-ID} the event carries,
     * the same for every retry.
     *
     * @throws MessagingException what Jakarta Mail threw on the last attempt, unchanged
     */
    public SmtpReceipt send(Email email, Message message) throws MessagingException {
        Objects.requireNonNull(message, "message");
        SmtpAttemptState state = new SmtpAttemptState();
        boolean[] saved = {false};
        return tracker.track(email, () -> {
            Transport transport = session.getTransport(protocol);
            state.begin(transport);
            try {
                if (explicitServer) {
                    // Spring's JavaMailSenderImpl keeps host and port outside the session: connect to them
                    transport.connect(host, port == null ? -1 : port, user, password);
                } else if (user != null) {
                    transport.connect(user, password);
                } else {
                    transport.connect();
                }
                state.sending();
                if (!saved[0]) {
                    saveChanges(message);
                    saved[0] = true;
                }
                // known from here on: a failure after DATA carries the id the recipient's copy would have
                state.messageId(message instanceof MimeMessage mime ? MessageIds.normalise(mime.getMessageID()) : null);
                transport.sendMessage(message, recipients(message));
                return receipt(transport, message);
            } finally {
                closeQuietly(transport);
            }
        }, new SmtpCallClassifier(state, host, port));
    }

    /**
     * An {@link Email} builder pre-filled from a message's headers: to, cc, bcc, from and subject (the subject
     * is logged only if the privacy policy enables it). Addresses are taken bare, without display names
     * ({@code Shop Billing <billing@shop.example>} becomes {@code billing@shop.example}), as the HTTP adapters give them.
     */
    public static Email.Builder describe(String provider, Message message) throws MessagingException {
        Email.Builder b = Email.builder(provider)
                .to(addresses(message.getRecipients(Message.RecipientType.TO)))
                .cc(addresses(message.getRecipients(Message.RecipientType.CC)))
                .bcc(addresses(message.getRecipients(Message.RecipientType.BCC)))
                .subject(message.getSubject());
        Address[] from = message.getFrom();
        if (from != null && from.length > 0) {
            b.from(bare(from[0]));
        }
        return b;
    }

    /** {@code saveChanges()} gives the message a new Message-ID; with keepMessageId, one it already had survives. */
    private void saveChanges(Message message) throws MessagingException {
        String[] before = keepMessageId ? message.getHeader("Message-ID") : null;
        message.saveChanges();
        if (before != null && before.length > 0) {
            message.setHeader("Message-ID", before[0]);
        }
    }

    private static SmtpReceipt receipt(Transport transport, Message message) throws MessagingException {
        int code = 0;
        String response = null;
        if (transport instanceof SMTPTransport smtp) {
            code = smtp.getLastReturnCode();
            response = smtp.getLastServerResponse();
            response = response == null ? null : response.strip();
        }
        String id = null;
        if (response != null) {
            Matcher m = PROVIDER_ID_REPLY.matcher(response);
            if (m.matches()) {
                id = m.group(1);
            }
        }
        if (id == null && message instanceof MimeMessage mime) {
            id = mime.getMessageID();
        }
        return new SmtpReceipt(code, response, MessageIds.normalise(id));
    }

    private static Address[] recipients(Message message) throws MessagingException {
        Address[] all = message.getAllRecipients();
        return all == null ? new Address[0] : all;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(TrackedTransport::bare).toList();
    }

    /** The address without its display name; a non-Internet address as Jakarta Mail prints it. */
    private static String bare(Address address) {
        if (address instanceof InternetAddress ia && ia.getAddress() != null) {
            return ia.getAddress();
        }
        return address.toString();
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // QUIT failing after the server accepted (or refused) the message changes nothing about it
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static Integer parsePort(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null; // Jakarta Mail reports a bad port itself when it connects
        }
    }

    /** Configures a {@link TrackedTransport}. */
    public static final class Builder {
        private final MailTracker tracker;
        private final Session session;
        private String protocol;
        private String user;
        private String password;
        private String host;
        private Integer port;
        private boolean keepMessageId;
        private SmtpTimeouts timeouts = SmtpTimeouts.DEFAULTS;

        private Builder(MailTracker tracker, Session session) {
            if (tracker == null) {
                throw new IllegalArgumentException("tracker is null: pass the application's MailTracker");
            }
            if (session == null) {
                throw new IllegalArgumentException("session is null: pass the Jakarta Mail Session to send with");
            }
            this.tracker = tracker;
            this.session = session;
            String p = session.getProperty("mail.transport.protocol");
            this.protocol = p == null || p.isBlank() ? "smtp" : p.trim();
        }

        /** {@code smtp} (default, or the session's {@code mail.transport.protocol}) or {@code smtps}. */
        public Builder protocol(String protocol) {
            if (!"smtp".equals(protocol) && !"smtps".equals(protocol)) {
                throw new IllegalArgumentException("protocol '" + protocol + "' is invalid: use 'smtp' or 'smtps'");
            }
            this.protocol = protocol;
            return this;
        }

        /** User and password for AUTH; default none (the session's authenticator, if any, is used). */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * The server to connect to, when it is not in the session's {@code mail.<protocol>.host} (Spring's
         * {@code JavaMailSenderImpl} keeps it apart). Default: the session's, else {@code mail.host}, else localhost.
         */
        public Builder host(String host) {
            this.host = host == null || host.isBlank() ? null : host.trim();
            return this;
        }

        /**
         * The server's port, when it is not in the session's {@code mail.<protocol>.port}. A negative value means
         * the protocol's default (Spring's {@code JavaMailSenderImpl.DEFAULT_PORT} is -1). Default: the session's.
         */
        public Builder port(int port) {
            if (port > 65535) {
                throw new IllegalArgumentException("port " + port + " is invalid: use 1-65535, or -1 for the protocol's default");
            }
            this.port = port < 0 ? null : port;
            return this;
        }

        /**
         * Keep a {@code Message-ID} the message already has ({@code saveChanges()} would replace it), as Spring's
         * {@code JavaMailSenderImpl} does. Default false: Jakarta Mail's own behaviour.
         */
        public Builder keepMessageId(boolean keep) {
            this.keepMessageId = keep;
            return this;
        }

        /** Timeouts to fill in where the session has none. Default {@link SmtpTimeouts#DEFAULTS}. */
        public Builder timeouts(SmtpTimeouts timeouts) {
            if (timeouts == null) {
                throw new IllegalArgumentException("timeouts is null: leave it unset for SmtpTimeouts.DEFAULTS");
            }
            this.timeouts = timeouts;
            return this;
        }

        public TrackedTransport build() {
            return new TrackedTransport(this);
        }
    }
}
