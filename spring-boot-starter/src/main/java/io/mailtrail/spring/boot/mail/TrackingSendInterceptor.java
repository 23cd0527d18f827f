package io.mailtrail.spring.boot.mail;

import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.smtp.TrackedTransport;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessagePreparator;

import java.lang.reflect.Method;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Does what {@link JavaMailSenderImpl#send} does, with each message sent through a {@link TrackedTransport}
 * built from the sender's own session, host, port, protocol and credentials: one event per message (per attempt
 * when retries are on), classified from the SMTP reply. The exceptions are Spring's, as the sender would throw
 * them: {@link MailAuthenticationException} when the server refuses the credentials, {@link MailSendException}
 * with the failed messages and their own exceptions otherwise, so callers see no difference.
 *
 * <p>One difference: each message gets its own connection (the tracker needs one reply per message), where the
 * sender reuses one connection for the messages of one {@code send(...)} call.
 */
final class TrackingSendInterceptor implements MethodInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingSendInterceptor.class);

    private final JavaMailSenderImpl sender;
    private final Supplier<MailTracker> tracker;
    private final String provider;
    private volatile boolean warned;

    TrackingSendInterceptor(JavaMailSenderImpl sender, Supplier<MailTracker> tracker, String provider) {
        this.sender = sender;
        this.tracker = tracker;
        this.provider = provider;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        if (method.getDeclaringClass() == TrackedMailSender.class) {
            return Boolean.TRUE;
        }
        if (!"send".equals(method.getName()) || method.getParameterCount() != 1) {
            return invocation.proceed();
        }
        Class<?> type = method.getParameterTypes()[0];
        Class<?> element = type.isArray() ? type.getComponentType() : type;
        if (element != MimeMessage.class && element != SimpleMailMessage.class && element != MimeMessagePreparator.class) {
            return invocation.proceed();
        }
        TrackedTransport transport;
        try {
            transport = transport();
        } catch (RuntimeException | LinkageError e) {
            // the observability path must not stop the mail: send untracked, say why once
            if (!warned) {
                warned = true;
                LOG.warn("mailtrail cannot track sends of this JavaMailSender ({}); they are sent untracked", e.toString());
            }
            return invocation.proceed();
        }
        Object argument = invocation.getArguments()[0];
        Object[] originals = argument instanceof Object[] array ? array : new Object[] {argument};
        if (element == MimeMessage.class) {
            send(transport, originals, originals);
        } else if (element == SimpleMailMessage.class) {
            send(transport, fromSimple(originals), originals);
        } else {
            send(transport, fromPreparators(originals), originals);
        }
        return null;
    }

    private Object[] fromSimple(Object[] simple) {
        Object[] mimes = new Object[simple.length];
        for (int i = 0; i < simple.length; i++) {
            MimeMailMessage message = new MimeMailMessage(sender.createMimeMessage());
            ((SimpleMailMessage) simple[i]).copyTo(message);
            mimes[i] = message.getMimeMessage();
        }
        return mimes;
    }

    /** As {@code JavaMailSenderImpl.send(MimeMessagePreparator...)} does, with the same exceptions. */
    private Object[] fromPreparators(Object[] preparators) {
        Object[] mimes = new Object[preparators.length];
        for (int i = 0; i < preparators.length; i++) {
            MimeMessage message = sender.createMimeMessage();
            try {
                ((MimeMessagePreparator) preparators[i]).prepare(message);
            } catch (MailException e) {
                throw e;
            } catch (MessagingException e) {
                throw new MailParseException(e);
            } catch (Exception e) {
                throw new MailPreparationException(e);
            }
            mimes[i] = message;
        }
        return mimes;
    }

    private void send(TrackedTransport transport, Object[] mimes, Object[] originals) {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (int i = 0; i < mimes.length; i++) {
            MimeMessage message = (MimeMessage) mimes[i];
            try {
                if (message.getSentDate() == null) {
                    message.setSentDate(new Date());
                }
                transport.send(TrackedTransport.describe(provider, message).build(), message);
            } catch (AuthenticationFailedException e) {
                // the sender fails the whole call on a refused login, before any message
                throw new MailAuthenticationException(e);
            } catch (MessagingException e) {
                if (e instanceof MailConnectException) {
                    for (int j = i; j < mimes.length; j++) {
                        failed.put(originals[j], e);
                    }
                    throw new MailSendException("Mail server connection failed", e, failed);
                }
                failed.put(originals[i], e);
            }
        }
        if (!failed.isEmpty()) {
            throw new MailSendException(failed);
        }
    }

    /** Built per call: the sender's settings may change at run time, and its session is created lazily. */
    private TrackedTransport transport() {
        Session session = sender.getSession();
        String username = sender.getUsername();
        String password = sender.getPassword();
        if ("".equals(username)) {
            // as the sender does: an empty user name means no authentication
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        TrackedTransport.Builder b = TrackedTransport.builder(tracker.get(), session)
                .host(sender.getHost())
                .port(sender.getPort())
                .keepMessageId(true);
        String protocol = sender.getProtocol();
        if (protocol != null) {
            b.protocol(protocol);
        }
        if (username != null || password != null) {
            b.credentials(username, password);
        }
        return b.build();
    }

}
