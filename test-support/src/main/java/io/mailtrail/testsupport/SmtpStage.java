package io.mailtrail.testsupport;

/** The points of an SMTP conversation where a {@link ScriptedSmtpServer} answers with a scripted reply. */
public enum SmtpStage {
    /** The greeting on connect (default {@code 220 scripted.test ESMTP}); a non-220 greeting ends the conversation. */
    GREETING,
    /** The last reply of {@code AUTH} (after the client's credentials; default {@code 235 2.7.0 Authentication successful}). */
    AUTH,
    /** {@code MAIL FROM} (default {@code 250 2.1.0 Ok}). */
    MAIL,
    /** Each {@code RCPT TO} (default {@code 250 2.1.5 Ok}); {@link ScriptedSmtpServer#replyOnce} scripts single recipients. */
    RCPT,
    /** {@code DATA} itself (default {@code 354 End data with <CR><LF>.<CR><LF>}); any other reply refuses the content. */
    DATA,
    /** The end of the message content, the final {@code .} (default {@code 250 2.0.0 Ok: queued as 4FQ2}). */
    DATA_END
}
