package io.mailtrail.tracker.http;

import java.util.regex.Pattern;

/**
 * Makes provider-supplied text safe to log and normalises provider message ids. Provider messages are
 * attacker-influenced (log injection) and often echo the recipient's address (personal data), so every
 * message goes through {@link #clean(String)} before it leaves this library.
 */
public final class ProviderText {

    /** The longest message kept, in chars; longer text is cut and ends with an ellipsis. */
    public static final int MAX_LENGTH = 512;

    /** The local part of an address is replaced by this; the domain stays because it is useful and not personal. */
    public static final String REDACTED_LOCAL_PART = "<redacted>";

    // Local part as providers echo it (RFC 5322 atext and dots). The look-behind makes a match start only where a run
    // of such chars starts and the possessive quantifiers never backtrack, so long hostile text costs linear time.
    // The domain needs a dot, which leaves "user@localhost"-like tokens alone.
    private static final String ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-";
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![" + ATEXT + "])[" + ATEXT + "]++@([A-Za-z0-9\\-]++(?:\\.[A-Za-z0-9\\-]++)+)");
    /** Text beyond this is dropped before any pattern runs: the result is capped at {@link #MAX_LENGTH} anyway. */
    private static final int MAX_INPUT = 4 * MAX_LENGTH;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private ProviderText() {
    }

    /**
     * Provider text made safe to log: control characters (CR, LF, tab...) become a space, e-mail addresses become
     * {@code <redacted>@domain}, the result is trimmed and capped at {@link #MAX_LENGTH} chars.
     *
     * @return the cleaned text, or null when {@code raw} is null or blank
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.length() > MAX_INPUT ? raw.substring(0, MAX_INPUT) : raw;
        text = CONTROL.matcher(text).replaceAll(" ");
        text = EMAIL.matcher(text).replaceAll(REDACTED_LOCAL_PART + "@$1");
        text = SPACES.matcher(text).replaceAll(" ").trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            int end = MAX_LENGTH - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end) + "\u2026";
        }
        return text;
    }

    /**
     * A provider message id in the form both the send call and the delivery events use: surrounding whitespace
     * and one pair of angle brackets removed (Mailgun returns {@code <id@domain>}, its events say {@code id@domain}).
     *
     * @return the normalised id, or null when {@code raw} is null or blank
     */
    public static String normaliseMessageId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.isEmpty() ? null : id;
    }
}
