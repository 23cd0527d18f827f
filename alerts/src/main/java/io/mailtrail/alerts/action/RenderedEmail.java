package io.mailtrail.alerts.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An email action rendered for one execution: what would be (or was) sent.
 *
 * @param id       {@code <action id>_<ctx.id>}, also the {@code Message-ID}
 * @param priority lower-case priority or null
 * @param text     the text body or null
 * @param html     the sanitized HTML body or null
 */
public record RenderedEmail(String id, String from, List<String> replyTo, List<String> to, List<String> cc,
                            List<String> bcc, String priority, String subject, String text, String html) {

    /** The JSON shape of the conformance contract and of {@code alerts check --format json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("from", from);
        m.put("reply_to", replyTo.isEmpty() ? null : replyTo);
        m.put("to", to);
        m.put("cc", cc.isEmpty() ? null : cc);
        m.put("bcc", bcc.isEmpty() ? null : bcc);
        m.put("priority", priority);
        m.put("subject", subject);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("html", html);
        m.put("body", body);
        return m;
    }
}
