package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.CallClassifier;
import io.mailtrail.tracker.ExceptionClassifier;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Classifies a Jakarta Mail (Angus) SMTP send: the receipt of an accepted message, or the exception of a
 * refused one, using the reply code and enhanced status it carries (see {@link SmtpReplyClassifier}).
 */
final class SmtpCallClassifier implements CallClassifier<SmtpReceipt> {

    private static final int MAX_CHAIN = 16;

    private final SmtpAttemptState state;
    private final String host;
    private final Integer port;

    SmtpCallClassifier(SmtpAttemptState state, String host, Integer port) {
        this.state = state;
        this.host = host;
        this.port = port;
    }

    @Override
    public AttemptResult classifyResult(SmtpReceipt receipt) {
        SmtpReply reply = SmtpReply.parse(receipt.replyCode(), receipt.serverResponse());
        return AttemptResult.success()
                .messageId(receipt.messageId())
                .smtpReplyCode(reply.known() ? reply.code() : null)
                .smtpEnhancedStatus(reply.enhanced())
                .smtpResponse(reply.text())
                .server(host, port)
                .build();
    }

    @Override
    public AttemptResult classifyError(Throwable error) {
        AttemptResult.Builder b = classify(error);
        // saveChanges() set the Message-ID before MAIL FROM: a refusal (or a lost answer) from then on names that message
        if (state.stage() == SmtpCommand.DATA && state.messageId() != null) {
            b.messageId(state.messageId());
        }
        return b.server(host, port).build();
    }

    private AttemptResult.Builder classify(Throwable error) {
        SmtpCommand stage = state.stage();
        // Socket problems first: a timeout says more about the outcome than a reply code read before it.
        Throwable timeout = find(error, SocketTimeoutException.class);
        if (timeout != null || find(error, MailConnectException.class) != null) {
            return socketFailure(error, timeout, stage);
        }
        Coded coded = coded(error);
        if (coded == null && error instanceof MessagingException && find(error, IOException.class) == null) {
            SmtpReply last = state.lastReply();
            if (last != null && last.code() >= 400) {
                coded = new Coded(last, stage);
            }
        }
        if (coded != null) {
            SmtpReplyClassifier.Diagnosis d = SmtpReplyClassifier.diagnose(coded.reply, coded.stage);
            return AttemptResult.failure(d.category())
                    .retryable(d.retryable())
                    .errorCode(String.valueOf(coded.reply.code()))
                    .errorMessage(error.getMessage())
                    .smtpReplyCode(coded.reply.code())
                    .smtpEnhancedStatus(coded.reply.enhanced())
                    .smtpResponse(coded.reply.text());
        }
        if (find(error, AddressException.class) != null) {
            // The client refused an address it could not parse: the taxonomy's "invalid address syntax".
            return AttemptResult.failure(ErrorCategory.RECIPIENT_REJECTED).errorMessage(error.getMessage());
        }
        if (error instanceof AuthenticationFailedException) {
            return AttemptResult.failure(ErrorCategory.AUTHENTICATION).errorMessage(error.getMessage());
        }
        if (error instanceof SendFailedException sfe) {
            // Refused before any reply: no recipients at all, or addresses the client itself found invalid.
            boolean invalid = sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0;
            return AttemptResult.failure(invalid ? ErrorCategory.RECIPIENT_REJECTED : ErrorCategory.INVALID_REQUEST)
                    .errorMessage(error.getMessage());
        }
        if (find(error, IOException.class) != null) {
            return socketFailure(error, null, stage);
        }
        return ExceptionClassifier.classify(error);
    }

    private static AttemptResult.Builder socketFailure(Throwable error, Throwable timeout, SmtpCommand stage) {
        boolean beforeMessage = stage != SmtpCommand.DATA || find(error, MailConnectException.class) != null;
        ErrorCategory category = timeout != null ? ErrorCategory.TIMEOUT : ErrorCategory.NETWORK;
        AttemptResult.Builder b = beforeMessage
                ? AttemptResult.failure(category).retryable(true)
                : AttemptResult.unknown(category);
        return b.errorMessage(error.getMessage());
    }

    /**
     * The first exception in the chain that carries an SMTP failure reply (4xx/5xx). A lower code is skipped: with
     * {@code mail.smtp.sendpartial=true} Angus Mail throws an {@link SMTPSendFailedException} holding DATA's final
     * 250, with the recipients' refusals chained behind it.
     */
    private static Coded coded(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof SMTPSendFailedException e && e.getReturnCode() >= 400) {
                return new Coded(SmtpReply.parse(e.getReturnCode(), e.getMessage()), SmtpCommand.of(e.getCommand()));
            }
            if (t instanceof SMTPSenderFailedException e && e.getReturnCode() >= 400) {
                return new Coded(SmtpReply.parse(e.getReturnCode(), e.getMessage()), SmtpCommand.MAIL);
            }
            if (t instanceof SMTPAddressFailedException e && e.getReturnCode() >= 400) {
                return new Coded(SmtpReply.parse(e.getReturnCode(), e.getMessage()), SmtpCommand.RCPT);
            }
            if (t instanceof AuthenticationFailedException e) {
                SmtpReply reply = SmtpReply.parse(e.getMessage());
                if (reply.known()) {
                    return new Coded(reply, SmtpCommand.AUTH);
                }
            }
        }
        return null;
    }

    private static <X extends Throwable> X find(Throwable error, Class<X> type) {
        for (Throwable t : chain(error)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The throwable, its causes and Jakarta Mail's "next" exceptions, each once. */
    private static Iterable<Throwable> chain(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        List<Throwable> out = new ArrayList<>();
        if (error != null) {
            todo.add(error);
        }
        while (!todo.isEmpty() && out.size() < MAX_CHAIN) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t instanceof MessagingException m && m.getNextException() != null) {
                todo.add(m.getNextException());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return out;
    }

    private record Coded(SmtpReply reply, SmtpCommand stage) {
    }
}
