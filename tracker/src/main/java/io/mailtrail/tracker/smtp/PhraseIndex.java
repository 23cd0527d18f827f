package io.mailtrail.tracker.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a list of alternations ("a|b|c", one per rule) over a text as {@code Pattern.find()} would, but fast:
 * Java's regex engine tries every alternative at every position of the text, which for a few hundred phrases
 * costs far more than the tracker itself. Here each alternative is compiled on its own and keyed by its
 * first one or two literal characters; a text is indexed once by the character pairs at each position, and an
 * alternative is tried ({@code lookingAt} with transparent bounds, so look-behinds and {@code \b} see the
 * whole text) only where its first characters occur. Alternatives whose start is not a literal (after
 * expanding a leading non-capturing group) run as a plain {@code find()}. Immutable, thread-safe.
 */
final class PhraseIndex {

    /** Characters that key the index: a-z, 0-9; anything else is "other". */
    private static final int ALPHABET = 37;
    private static final int OTHER = 36;

    /**
     * One alternative of one rule. {@code first}/{@code second}: index codes of its leading literal characters,
     * or -1; {@code prefix}: its whole leading literal text, compared before the regex runs.
     */
    private record Alternative(int rule, Pattern pattern, int first, int second, String prefix, boolean literal) {
    }

    private final Alternative[][] byRule;

    PhraseIndex(List<String> alternations) {
        byRule = new Alternative[alternations.size()][];
        for (int r = 0; r < alternations.size(); r++) {
            List<Alternative> alts = new ArrayList<>();
            for (String alt : expand(split(alternations.get(r)), 0)) {
                int[] cue = cue(alt);
                String prefix = cue[0] < 0 ? "" : prefix(alt);
                // a plain phrase ("user unknown"): finding its text is the match, no regex needed
                boolean literal = !prefix.isEmpty() && prefix.equals(alt);
                alts.add(new Alternative(r, Pattern.compile(alt), cue[0], cue[1], prefix, literal));
            }
            byRule[r] = alts.toArray(new Alternative[0]);
        }
    }

    /** The index of the first alternation that occurs in {@code text} (already lower case), or -1. */
    int firstMatch(String text) {
        int n = text.length();
        // which character pairs (and single characters) occur: one bit each, cleared and filled in one pass
        long[] pairs = new long[(ALPHABET * ALPHABET + 63) / 64];
        long singles = 0;
        for (int i = 0; i < n; i++) {
            int c = code(text.charAt(i));
            int pair = c * ALPHABET + (i + 1 < n ? code(text.charAt(i + 1)) : OTHER);
            pairs[pair >>> 6] |= 1L << pair;
            singles |= 1L << c;
        }
        for (int r = 0; r < byRule.length; r++) {
            for (Alternative a : byRule[r]) {
                if (a.first < 0) {
                    if (a.pattern.matcher(text).find()) {
                        return r;
                    }
                    continue;
                }
                boolean present;
                if (a.second >= 0) {
                    int pair = a.first * ALPHABET + a.second;
                    present = (pairs[pair >>> 6] & (1L << pair)) != 0;
                } else {
                    present = (singles & (1L << a.first)) != 0;
                }
                if (present && occursAt(a, text)) {
                    return r;
                }
            }
        }
        return -1;
    }

    /** Whether the alternative matches at one of the places its literal prefix occurs. */
    private static boolean occursAt(Alternative a, String text) {
        int p = text.indexOf(a.prefix);
        if (p < 0 || a.literal) {
            return p >= 0;
        }
        Matcher m = a.pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (; p >= 0; p = text.indexOf(a.prefix, p + 1)) {
            m.region(p, text.length());
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static int code(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '0' && c <= '9') {
            return 26 + (c - '0');
        }
        return OTHER;
    }

    /** The leading literal characters of an alternative ({@code -1} where there is none). */
    static int[] cue(String alt) {
        int i = 0;
        // zero-width prefixes: \b, (?<!...), (?<=...)
        while (true) {
            if (alt.startsWith("\\b", i)) {
                i += 2;
            } else if (alt.startsWith("(?<!", i) || alt.startsWith("(?<=", i)) {
                int close = closing(alt, i);
                if (close < 0) {
                    return new int[] {-1, -1};
                }
                i = close + 1;
            } else {
                break;
            }
        }
        int first = literal(alt, i);
        if (first < 0) {
            return new int[] {-1, -1};
        }
        return new int[] {first, literal(alt, i + 1)};
    }

    /**
     * The literal text an alternative starts with (after its zero-width prefixes): plain characters none of
     * which is quantified, up to the first regex construct.
     */
    static String prefix(String alt) {
        int i = 0;
        while (true) {
            if (alt.startsWith("\\b", i)) {
                i += 2;
            } else if (alt.startsWith("(?<!", i) || alt.startsWith("(?<=", i)) {
                i = closing(alt, i) + 1;
            } else {
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        for (; i < alt.length(); i++) {
            char c = alt.charAt(i);
            boolean plain = code(c) != OTHER || c == ' ' || c == '-' || c == '\'' || c == ':' || c == '/' || c == ',';
            if (!plain) {
                break;
            }
            if (i + 1 < alt.length() && "?*{".indexOf(alt.charAt(i + 1)) >= 0) {
                break;
            }
            out.append(c);
            if (i + 1 < alt.length() && alt.charAt(i + 1) == '+') {
                break; // c+ : at least one c, then anything the quantifier allows
            }
        }
        return out.toString();
    }

    /** The index code of the literal at {@code i}, or -1 if it is no plain a-z0-9 character or is quantified. */
    private static int literal(String alt, int i) {
        if (i >= alt.length()) {
            return -1;
        }
        char c = alt.charAt(i);
        if (code(c) == OTHER) {
            return -1;
        }
        if (i + 1 < alt.length() && "?*{".indexOf(alt.charAt(i + 1)) >= 0) {
            return -1; // optional: the alternative may start elsewhere
        }
        return code(c);
    }

    /** Splits at the top-level {@code |}. */
    static List<String> split(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }

    /** Expands a leading {@code (?:a|b)rest} (or {@code (?:a|b)?rest}) into {@code arest}, {@code brest} (and {@code rest}). */
    private static List<String> expand(List<String> alts, int depth) {
        List<String> out = new ArrayList<>();
        for (String alt : alts) {
            if (depth < 4 && alt.startsWith("(?:")) {
                int close = closing(alt, 0);
                if (close > 0) {
                    String rest = alt.substring(close + 1);
                    boolean optional = rest.startsWith("?") && !rest.startsWith("??");
                    boolean repeated = !rest.isEmpty() && "*+{".indexOf(rest.charAt(0)) >= 0;
                    if (!repeated && !(rest.startsWith("?") && !optional)) {
                        String tail = optional ? rest.substring(1) : rest;
                        List<String> inner = new ArrayList<>();
                        for (String body : split(alt.substring(3, close))) {
                            inner.add(body + tail);
                        }
                        if (optional) {
                            inner.add(tail);
                        }
                        out.addAll(expand(inner, depth + 1));
                        continue;
                    }
                }
            }
            out.add(alt);
        }
        return out;
    }

    /** The index of the {@code )} closing the group that opens at {@code open}, or -1. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(s, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfClass(String s, int open) {
        int i = open + 1;
        if (i < s.length() && s.charAt(i) == '^') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return s.length() - 1;
    }
}
