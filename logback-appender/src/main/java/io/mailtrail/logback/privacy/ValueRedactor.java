package io.mailtrail.logback.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets and personal addresses in a value the appender copies from the application (an MDC entry). The
 * rules are those of the tracker's {@code TextRedactor}, kept here in small so that the appender does not depend
 * on the tracker: an address keeps only its domain ({@code <redacted>@shop.example}); a bearer/basic/digest
 * credential, a {@code name=value} pair whose name says secret (authorization, key, token, secret, password,
 * signature, credential), a URL's user info and well-known API key shapes become {@code <masked>}. A value under
 * a key whose name says secret is masked whole. Stateless and thread-safe.
 */
public final class ValueRedactor {

    /** What replaces a secret. */
    public static final String MASK = "<masked>";
    /** What replaces the local part of an address. */
    public static final String REDACTED = "<redacted>";

    private static final String SECRET_NAME = "(?:authorization|auth|cookie|key|keyid|token|secret|password|passwd|pwd|signature|credential|credentials)";
    /** A key (MDC name) that says its whole value is a secret, e.g. {@code api_key}, {@code X-Auth-Token}. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(?:^|[._-])" + SECRET_NAME + "$|(?i).*(?:apikey|accesstoken|authtoken|password|secret)$");
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]+:[^/\\s@]+@");
    private static final Pattern SENSITIVE_PAIR = Pattern.compile(
            "(?i)([\"']?[A-Za-z0-9_.-]*(?:authorization|key|keyid|token|secret|password|passwd|pwd|signature|credential)[\"']?"
                    + "\\s*[:=]\\s*[\"']?)((?:(?:bearer|basic|digest|token)\\s+)?[^\\s\"',;&}]+)");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic|digest)\\s+(?!" + Pattern.quote(MASK) + ")[A-Za-z0-9._~+/=-]{8,}");
    /** Key shapes that are secrets wherever they appear: SendGrid, AWS access key ids, Mailgun, Resend, JWTs. */
    private static final Pattern KNOWN_KEYS = Pattern.compile(
            "\\bSG\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b|\\bkey-[0-9a-f]{32}\\b|\\bre_[A-Za-z0-9_]{16,}"
                    + "|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+?^_`{|}~-]+(?:@|%40)((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63})\\b");

    /** The value as it may be stored under this key: masked whole for a secret-named key, else redacted. */
    public String redact(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (key != null && SECRET_KEY.matcher(key).matches()) {
            return MASK;
        }
        return redact(value);
    }

    /** Secrets masked and addresses reduced to their domain; a value with nothing to hide comes back as it is. */
    public String redact(String value) {
        if (value == null || !mayHold(value)) {
            return value;
        }
        String t = URL_USERINFO.matcher(value).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        t = SENSITIVE_PAIR.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        t = AUTH_SCHEME.matcher(t).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        t = KNOWN_KEYS.matcher(t).replaceAll(Matcher.quoteReplacement(MASK));
        return ADDRESS.matcher(t).replaceAll(Matcher.quoteReplacement(REDACTED) + "@$1");
    }

    /** One scan: most values (ids, tenant names) hold none of the characters a rule needs, and skip the regexes. */
    private static boolean mayHold(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '@' || c == '%' || c == ':' || c == '=' || c == ' ' || c == '\t' || c == '.' || c == '-' || c == '_') {
                return true;
            }
        }
        return false;
    }
}
