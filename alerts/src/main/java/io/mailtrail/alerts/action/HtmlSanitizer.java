package io.mailtrail.alerts.action;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watcher's default HTML policy for email bodies, approximated with an allow-list: document tags, tables,
 * links (http, https, mailto), blocks, formatting and embedded images ({@code cid:} / {@code data:});
 * {@code script} and {@code style} are removed with their content, every other tag and every attribute not
 * listed (including {@code style=}) is dropped, the text is kept.
 */
public final class HtmlSanitizer {

    private static final Set<String> TAGS = Set.of("html", "body", "head", "title", "meta",
            "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "col", "colgroup",
            "a", "p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol", "li",
            "dl", "dt", "dd", "hr", "br", "b", "i", "u", "strong", "em", "small", "big", "sub", "sup", "s",
            "strike", "code", "tt", "font", "img");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "a", Set.of("href", "title"),
            "img", Set.of("src", "alt", "width", "height", "title"),
            "td", Set.of("colspan", "rowspan", "align", "valign"),
            "th", Set.of("colspan", "rowspan", "align", "valign"),
            "table", Set.of("border", "cellpadding", "cellspacing", "width"),
            "font", Set.of("color", "size", "face"));
    private static final Pattern DROP_WITH_CONTENT = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>|<(script|style)\\b[^>]*/?>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s\"'>]+)");

    private HtmlSanitizer() {
    }

    public static String sanitize(String html) {
        if (html == null) {
            return null;
        }
        String s = DROP_WITH_CONTENT.matcher(html).replaceAll("");
        s = COMMENT.matcher(s).replaceAll("");
        Matcher m = TAG.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).toLowerCase(Locale.ROOT);
            String replacement = "";
            if (TAGS.contains(name)) {
                replacement = m.group(1).isEmpty() ? "<" + name + attributes(name, m.group(3)) + (m.group(3).trim().endsWith("/") ? " /" : "") + ">" : "</" + name + ">";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    private static String attributes(String tag, String raw) {
        Set<String> allowed = ATTRIBUTES.getOrDefault(tag, Set.of());
        StringBuilder out = new StringBuilder();
        Matcher a = ATTRIBUTE.matcher(raw);
        while (a.find()) {
            String name = a.group(1).toLowerCase(Locale.ROOT);
            String value = a.group(2);
            if (value.startsWith("\"") || value.startsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!allowed.contains(name) || !safe(tag, name, value)) {
                continue;
            }
            out.append(' ').append(name).append("=\"").append(value.replace("\"", "&#34;")).append('"');
        }
        return out.toString();
    }

    private static boolean safe(String tag, String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (tag.equals("a") && name.equals("href")) {
            return v.startsWith("http://") || v.startsWith("https://") || v.startsWith("mailto:") || v.startsWith("#");
        }
        if (tag.equals("img") && name.equals("src")) {
            return v.startsWith("cid:") || v.startsWith("data:image/");
        }
        return true;
    }
}
