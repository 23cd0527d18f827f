package io.mailtrail.alerts.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.mustache.Templates;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.WatchException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watcher's {@code email} action: parsed with its keys and address rules, rendered with text templates
 * ({@code text/plain}, no escaping), the HTML body sanitized.
 */
public final class EmailAction {

    private static final Set<String> PRIORITIES = Set.of("highest", "high", "normal", "low", "lowest");
    private static final Set<String> PROFILES = Set.of("std", "standard", "outlook", "gmail", "mac");

    private final Map<String, Object> templates;
    private final Map<String, Object> attachments;

    private EmailAction(Map<String, Object> templates, Map<String, Object> attachments) {
        this.templates = templates;
        this.attachments = attachments;
    }

    /**
     * Parses the object under {@code "email"}.
     *
     * @throws WatchException (parse) with Watcher's message
     */
    public static EmailAction parse(String watchId, String actionId, JsonNode node) {
        String prefix = "could not parse [email] action [" + watchId + "/" + actionId + "]. ";
        if (node == null || !node.isObject()) {
            throw WatchException.parse(prefix + "expected an object, but found [" + Json.token(node) + "]");
        }
        Map<String, Object> t = new LinkedHashMap<>();
        Map<String, Object> attachments = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "from", "reply_to", "to", "cc", "bcc" -> {
                    List<String> list = new ArrayList<>();
                    if (v.isArray()) {
                        v.forEach(a -> list.add(address(a, prefix, key)));
                    } else {
                        list.add(address(v, prefix, key));
                    }
                    for (String a : list) {
                        validateStatic(a, prefix, key);
                    }
                    t.put(key, key.equals("from") ? list.get(0) : list);
                }
                case "subject", "priority" -> {
                    t.put(key, templateSource(v, prefix, key));
                }
                case "body" -> {
                    if (v.isTextual()) {
                        t.put("body.text", v.textValue());
                    } else if (v.isObject()) {
                        for (Iterator<Map.Entry<String, JsonNode>> b = v.fields(); b.hasNext(); ) {
                            Map.Entry<String, JsonNode> be = b.next();
                            if (!be.getKey().equals("text") && !be.getKey().equals("html")) {
                                throw WatchException.parse("could not parse email template. unknown field [body." + be.getKey() + "] field");
                            }
                            t.put("body." + be.getKey(), templateSource(be.getValue(), prefix, "body." + be.getKey()));
                        }
                    } else {
                        throw WatchException.parse("could not parse email template. unknown field [body] of type [" + Json.token(v) + "]");
                    }
                }
                case "account", "user", "password" -> {
                    if (!v.isTextual()) {
                        throw WatchException.parse(prefix + "unexpected " + Json.token(v) + " field [" + key + "]");
                    }
                }
                case "profile" -> {
                    if (!v.isTextual() || !PROFILES.contains(v.textValue().toLowerCase(Locale.ROOT))) {
                        throw WatchException.parse(prefix + "unknown email profile [" + v.asText() + "]");
                    }
                }
                case "attach_data" -> {
                    if (!v.isBoolean() && !v.isObject()) {
                        throw WatchException.parse(prefix + "unexpected field [attach_data]");
                    }
                }
                case "attachments" -> attachments.putAll(attachments(v, prefix));
                default -> throw WatchException.parse(prefix + "unexpected " + (v.isTextual() ? "string" : Json.token(v)) + " field [" + key + "]");
            }
        }
        return new EmailAction(t, attachments);
    }

    private static Map<String, Object> attachments(JsonNode v, String prefix) {
        if (!v.isObject()) {
            throw WatchException.parse(prefix + "attachments must be an object, but found [" + Json.token(v) + "]");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode spec = e.getValue();
            if (!spec.isObject() || spec.size() != 1) {
                throw WatchException.parse(prefix + "attachment [" + e.getKey() + "] must hold exactly one type (data, http or reporting)");
            }
            String type = spec.fieldNames().next();
            JsonNode body = spec.get(type);
            switch (type) {
                case "data" -> {
                    String format = body.has("format") ? body.get("format").asText().toLowerCase(Locale.ROOT) : "yaml";
                    if (!format.equals("yaml") && !format.equals("json")) {
                        throw WatchException.parse(prefix + "attachment [" + e.getKey() + "]: unknown data format [" + format + "]");
                    }
                    out.put(e.getKey(), Map.of("data", Map.of("format", format)));
                }
                case "http", "reporting" -> out.put(e.getKey(), Map.of(type, Json.model(body)));
                default -> throw WatchException.parse(prefix + "unknown attachment type [" + type + "]");
            }
        }
        return out;
    }

    private static String address(JsonNode a, String prefix, String key) {
        if (a.isTextual()) {
            return a.textValue();
        }
        if (a.isObject() && a.has("address")) {
            String name = a.path("name").asText(null);
            return name == null ? a.get("address").asText() : name + " <" + a.get("address").asText() + ">";
        }
        throw WatchException.parse(prefix + "unexpected " + Json.token(a) + " for field [" + key + "]");
    }

    private static Object templateSource(JsonNode v, String prefix, String key) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isObject() && v.has("source")) {
            return Json.model(v);
        }
        throw WatchException.parse(prefix + "unexpected " + Json.token(v) + " for field [" + key + "]");
    }

    private static void validateStatic(String address, String prefix, String key) {
        if (address.contains("{{")) {
            return; // validated after rendering
        }
        try {
            InternetAddress.parse(address, true);
        } catch (AddressException e) {
            throw WatchException.parse(prefix + "invalid email address [" + address + "] in field [" + key + "]");
        }
    }

    /** Validates one address the way parsing does ({@code email_address} conformance target). */
    public static void validateAddress(String address) {
        validateStatic(address, "", "address");
    }

    /** The attachments, normalized ({@code data.format} defaults to yaml). */
    public Map<String, Object> attachments() {
        return attachments;
    }

    /**
     * Renders the email for one execution.
     *
     * @param model {@code {"ctx": ctx}}
     * @param ctxId the execution id ({@code ctx.id}), part of the message id
     * @throws WatchException (render) for an invalid rendered address or priority
     */
    @SuppressWarnings("unchecked")
    public RenderedEmail render(String actionId, String ctxId, Map<String, Object> model) {
        String from = templates.containsKey("from") ? render((String) templates.get("from"), model) : null;
        List<String> replyTo = addresses((List<String>) templates.get("reply_to"), model, "reply_to");
        List<String> to = addresses((List<String>) templates.get("to"), model, "to");
        List<String> cc = addresses((List<String>) templates.get("cc"), model, "cc");
        List<String> bcc = addresses((List<String>) templates.get("bcc"), model, "bcc");
        String priority = null;
        if (templates.containsKey("priority")) {
            priority = renderTemplate(templates.get("priority"), model).trim().toLowerCase(Locale.ROOT);
            if (!PRIORITIES.contains(priority)) {
                throw new WatchException(WatchException.Phase.RENDER, "unknown email priority [" + priority + "]");
            }
        }
        String subject = templates.containsKey("subject") ? renderTemplate(templates.get("subject"), model) : null;
        String text = templates.containsKey("body.text") ? renderTemplate(templates.get("body.text"), model) : null;
        String html = templates.containsKey("body.html") ? HtmlSanitizer.sanitize(renderTemplate(templates.get("body.html"), model)) : null;
        if (from != null) {
            validateRendered(from, "from");
        }
        return new RenderedEmail(actionId + "_" + ctxId, from, replyTo, to, cc, bcc, priority, subject, text, html);
    }

    private static String render(String template, Map<String, Object> model) {
        return Templates.renderText(template, null, model);
    }

    @SuppressWarnings("unchecked")
    private static String renderTemplate(Object template, Map<String, Object> model) {
        if (template instanceof Map<?, ?> t) {
            return Templates.renderText((String) t.get("source"), (Map<String, Object>) t.get("params"), model);
        }
        return Templates.renderText((String) template, null, model);
    }

    private static List<String> addresses(List<String> templates, Map<String, Object> model, String field) {
        List<String> out = new ArrayList<>();
        if (templates == null) {
            return out;
        }
        for (String t : templates) {
            String rendered = render(t, model);
            if (rendered.isBlank()) {
                continue;
            }
            try {
                for (InternetAddress a : InternetAddress.parse(rendered, true)) {
                    out.add(a.toString());
                }
            } catch (AddressException e) {
                throw new WatchException(WatchException.Phase.RENDER, "invalid email address [" + rendered + "] in field [" + field + "]");
            }
        }
        return out;
    }

    private static void validateRendered(String address, String field) {
        try {
            InternetAddress.parse(address, true);
        } catch (AddressException e) {
            throw new WatchException(WatchException.Phase.RENDER, "invalid email address [" + address + "] in field [" + field + "]");
        }
    }
}
