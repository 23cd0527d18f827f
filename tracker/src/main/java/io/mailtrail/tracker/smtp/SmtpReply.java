package io.mailtrail.tracker.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP reply: its code (RFC 5321) and enhanced status (RFC 3463), parsed from the server's text.
 *
 * @param code     reply code, e.g. 550, or 0 when unknown
 * @param enhanced enhanced status, e.g. {@code 5.1.1}, or null
 * @param text     the reply line as the server sent it, or null
 */
public record SmtpReply(int code, String enhanced, String text) {

    private static final Pattern CODE = Pattern.compile("^\\s*(\\d{3})[ -]?");
    private static final Pattern ENHANCED = Pattern.compile("^\\s*\\d{3}[ -]((?:[245])\\.\\d{1,3}\\.\\d{1,3})\\b");

    /** Parses {@code "550 5.1.1 <x>: user unknown"}; a text without a leading code gives code 0. */
    public static SmtpReply parse(String text) {
        return parse(0, text);
    }

    /** Parses the text, preferring {@code knownCode} (from an exception's return code) when positive. */
    public static SmtpReply parse(int knownCode, String text) {
        int code = knownCode > 0 ? knownCode : 0;
        String enhanced = null;
        if (text != null) {
            Matcher c = CODE.matcher(text);
            if (code == 0 && c.find()) {
                code = Integer.parseInt(c.group(1));
            }
            Matcher e = ENHANCED.matcher(text);
            if (e.find()) {
                enhanced = e.group(1);
            }
        }
        return new SmtpReply(code, enhanced, text == null ? null : text.strip());
    }

    public boolean known() {
        return code > 0;
    }

    /** 4xx (or an enhanced class 4): try again later. */
    public boolean transientFailure() {
        if (enhanced != null) {
            return enhanced.charAt(0) == '4';
        }
        return code / 100 == 4;
    }
}
