package io.mailtrail.tracker.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes provider and server texts safe to log. Server replies and provider messages are attacker-influenced
 * and often echo the recipient ({@code 550 5.1.1 <bob@example.org>: user unknown}) or the request, so:
 * control characters are neutralised (no forged log lines), secrets masked, addresses reduced to their domain.
 * Stateless and thread-safe.
 */
public final class TextRedactor {

    /** What replaces a secret value. */
    public static final String MASK = "<masked>";
    /** What replaces the local part of an address. */
    public static final String REDACTED = "<redacted>";

    private static final String TRUNCATED = "...[truncated]";

    /** {@code scheme://user:password@host} */
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]+:[^/\\s@]+@");
    /**
     * A sensitive name followed by its value, in header ({@code Name: v}), parameter ({@code name=v}) or
     * JSON ({@code "name":"v"}) form. Names: Authorization and anything ending in key, key id, token,
     * secret, password, passwd, pwd, signature, credential.
     */
    private static final Pattern SENSITIVE_PAIR = Pattern.compile(
            "(?i)([\"']?[A-Za-z0-9_.-]*(?:authorization|key|keyid|token|secret|password|passwd|pwd|signature|credential)[\"']?"
                    + "\\s*[:=]\\s*[\"']?)((?:(?:bearer|basic|digest|token|aws4-hmac-sha256)\\s+)?[^\\s\"',;&}]+)");
    /** {@code Bearer abc} anywhere else. */
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic|digest)\\s+(?!" + Pattern.quote(MASK) + ")[A-Za-z0-9._~+/=-]{8,}");
    /** Key shapes that are secrets wherever they appear: SendGrid, AWS access key ids, Mailgun, Resend. */
    private static final Pattern KNOWN_KEYS = Pattern.compile(
            "\\bSG\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b|\\bkey-[0-9a-f]{32}\\b|\\bre_[A-Za-z0-9_]{16,}");
    /**
     * An address, also percent-encoded ({@code %40}) as in query strings. The local part leaves out
     * {@code =} and {@code /}: legal but rare, and in logs they delimit the address from a parameter name.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+?^_`{|}~-]+(?:@|%40)((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63})\\b");

    /** One line: every control character becomes a space. */
    public String redactLine(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        return cap(redactContent(neutralise(text, false)), maxLength);
    }

    /** One line with control characters neutralised and capped, content kept (the application's own values). */
    public String cleanLine(String text, int maxLength) {
        return text == null ? null : cap(neutralise(text, false), maxLength);
    }

    /** Several lines (a stack trace): {@code \n} and tab kept, other control characters become a space. */
    public String redactMultiline(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        return cap(redactContent(neutralise(text, true)), maxLength);
    }

    /**
     * Each pattern runs only when the text holds the characters it needs: most values (template names,
     * tenants, {@code 250 2.0.0 Ok}) hold none, and this runs on every tracked call.
     */
    private static String redactContent(String text) {
        String t = text;
        boolean separators = t.indexOf(':') >= 0 || t.indexOf('=') >= 0;
        if (separators) {
            t = URL_USERINFO.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
            t = SENSITIVE_PAIR.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        if (t.indexOf(' ') >= 0 || t.indexOf('\t') >= 0) {
            t = AUTH_SCHEME.matcher(t).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        }
        if (t.contains("SG.") || t.contains("AKIA") || t.contains("ASIA") || t.contains("key-") || t.contains("re_")) {
            t = KNOWN_KEYS.matcher(t).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (t.indexOf('@') >= 0 || t.contains("%40")) {
            t = ADDRESS.matcher(t).replaceAll(Matcher.quoteReplacement(REDACTED) + "@$1");
        }
        return t;
    }

    private static String neutralise(String text, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (keepLines && c == '\r') {
                boolean crlf = i + 1 < text.length() && text.charAt(i + 1) == '\n';
                replacement = crlf ? "" : "\n";
            } else if (keepLines && (c == '\n' || c == '\t')) {
                replacement = null;
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                replacement = " ";
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String cap(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int keep = Math.max(0, maxLength - TRUNCATED.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + TRUNCATED;
    }
}
