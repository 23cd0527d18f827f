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
        return text == null ? null : cap(redact(text, false), maxLength);
    }

    /** One line with control characters neutralised and capped, content kept (the application's own values). */
    public String cleanLine(String text, int maxLength) {
        return text == null ? null : cap(neutralise(text, false), maxLength);
    }

    /** Several lines (a stack trace): {@code \n} and tab kept, other control characters become a space. */
    public String redactMultiline(String text, int maxLength) {
        return text == null ? null : cap(redact(text, true), maxLength);
    }

    // What one pass over a text found; each pattern needs its trigger to match at all.
    private static final int CONTROL = 1;        // a character neutralise() changes
    private static final int SEPARATOR = 2;      // ':' or '=': URL_USERINFO, SENSITIVE_PAIR
    private static final int WHITESPACE = 4;     // what \s matches, before or after neutralising: AUTH_SCHEME
    private static final int KEY_PREFIX = 8;     // SG. AKIA ASIA key- re_: KNOWN_KEYS
    private static final int ADDRESS_SIGN = 16;  // '@' or "%40": ADDRESS (and URL_USERINFO)

    /**
     * One scan decides which patterns can match: most values (template names, tenants, {@code 250 2.0.0 Ok})
     * hold no trigger at all and come back as they are, and this runs several times on every tracked call.
     * Replacements only remove text or insert {@link #MASK}/{@link #REDACTED}, which hold no trigger, so the
     * triggers of the original text are those of every intermediate text or more.
     */
    private static String redact(String text, boolean keepLines) {
        int found = triggers(text, keepLines);
        if (found == 0) {
            return text;
        }
        String t = (found & CONTROL) != 0 ? neutralise(text, keepLines) : text;
        if ((found & SEPARATOR) != 0) {
            t = URL_USERINFO.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
            t = SENSITIVE_PAIR.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        if ((found & WHITESPACE) != 0) {
            t = AUTH_SCHEME.matcher(t).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        }
        if ((found & KEY_PREFIX) != 0) {
            t = KNOWN_KEYS.matcher(t).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if ((found & ADDRESS_SIGN) != 0) {
            t = ADDRESS.matcher(t).replaceAll(Matcher.quoteReplacement(REDACTED) + "@$1");
        }
        return t;
    }

    private static int triggers(String text, boolean keepLines) {
        int found = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case ':', '=' -> found |= SEPARATOR;
                case ' ' -> found |= WHITESPACE;
                case '@' -> found |= ADDRESS_SIGN;
                case '%' -> found |= text.startsWith("40", i + 1) ? ADDRESS_SIGN : 0;
                case 'S' -> found |= text.startsWith("G.", i + 1) ? KEY_PREFIX : 0;
                case 'A' -> found |= text.startsWith("KIA", i + 1) || text.startsWith("SIA", i + 1) ? KEY_PREFIX : 0;
                case 'k' -> found |= text.startsWith("ey-", i + 1) ? KEY_PREFIX : 0;
                case 'r' -> found |= text.startsWith("e_", i + 1) ? KEY_PREFIX : 0;
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        // neutralised into a space, or a line break/tab kept in multi-line texts: both are \s
                        boolean kept = keepLines && (c == '\n' || c == '\t');
                        found |= kept ? WHITESPACE : CONTROL | WHITESPACE;
                    }
                }
            }
        }
        return found;
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
