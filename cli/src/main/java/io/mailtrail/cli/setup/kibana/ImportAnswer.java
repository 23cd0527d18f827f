package io.mailtrail.cli.setup.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what Kibana answered to an import and says it in one line per object (or one line for the whole
 * request). Kibana answers HTTP 200 even when objects fail: {@code success}, {@code successResults[]} (with
 * {@code overwrite: true} for an object that replaced an existing one) and {@code errors[]} whose
 * {@code error.type} is {@code conflict}, {@code ambiguous_conflict}, {@code missing_references},
 * {@code unsupported_type} or {@code unknown} (Kibana's {@code SavedObjectsImportResponse},
 * {@code packages/core/saved-objects/core-saved-objects-common/src/saved_objects_imports.ts}).
 */
final class ImportAnswer {

    /** What happened to one object of the file. */
    record Outcome(SavedObjectsFile.SavedObject object, boolean imported, boolean overwritten, String problem) {
        String describe() {
            if (imported) {
                return overwritten ? "overwritten" : "created";
            }
            return "NOT imported: " + problem;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportAnswer() {
    }

    /**
     * @return one outcome per object of the file, in file order
     * @throws CliException when Kibana refused the whole request (its status says why)
     */
    /** Kibana's {@code warnings[].message}, e.g. an action it asks for after the import. */
    static List<String> warnings(KibanaClient.Answer answer) {
        List<String> out = new ArrayList<>();
        try {
            JSON.readTree(answer.body()).path("warnings").forEach(w -> out.add(w.path("message").asText()));
        } catch (IOException | RuntimeException ignored) {
            // no readable warnings: nothing to add
        }
        return out;
    }

    static List<Outcome> read(KibanaOptions options, SavedObjectsFile file, KibanaClient.Answer answer) {
        if (answer.status() != 200) {
            throw refused(options, answer);
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.has("success")) {
            throw new CliException(ExitCode.FAILED, "Kibana at " + options.url() + " answered HTTP 200, but not with an import result"
                    + " (is --kibana-url Kibana itself, with its base path? it answered: " + abbreviate(answer.body()) + ")");
        }
        Map<String, JsonNode> successes = new LinkedHashMap<>();
        body.path("successResults").forEach(r -> successes.put(key(r), r));
        Map<String, JsonNode> errors = new LinkedHashMap<>();
        body.path("errors").forEach(e -> errors.put(key(e), e));
        List<Outcome> outcomes = new ArrayList<>();
        for (SavedObjectsFile.SavedObject o : file.objects()) {
            String k = o.type() + "/" + o.id();
            if (errors.containsKey(k)) {
                outcomes.add(new Outcome(o, false, false, problem(options, errors.get(k))));
            } else if (successes.containsKey(k)) {
                JsonNode success = successes.get(k);
                if (success.hasNonNull("destinationId") && !success.path("destinationId").asText().equals(o.id())) {
                    // Written under another id: a copy, which the next import would not overwrite.
                    outcomes.add(new Outcome(o, false, false, "Kibana wrote it as a copy with id " + success.path("destinationId").asText()
                            + " (an object with id " + o.id() + " exists in another space?)"));
                } else {
                    outcomes.add(new Outcome(o, true, success.path("overwrite").asBoolean(false), null));
                }
            } else {
                outcomes.add(new Outcome(o, false, false, "Kibana's answer does not mention it"));
            }
        }
        return outcomes;
    }

    private static String key(JsonNode n) {
        return n.path("type").asText() + "/" + n.path("id").asText();
    }

    private static String problem(KibanaOptions options, JsonNode item) {
        JsonNode error = item.path("error");
        String type = error.path("type").asText();
        switch (type) {
            case "missing_references": {
                List<String> refs = new ArrayList<>();
                error.path("references").forEach(r -> refs.add(r.path("type").asText() + " '" + r.path("id").asText() + "'"));
                return "it refers to " + String.join(", ", refs) + ", which is neither in the file nor in " + options.spaceDescription()
                        + " (missing_references)";
            }
            case "conflict":
                return "an object with this id exists in " + options.spaceDescription() + " and was not overwritten (conflict)"
                        + (error.hasNonNull("destinationId") ? "; Kibana would write it as " + error.path("destinationId").asText() : "");
            case "ambiguous_conflict": {
                List<String> ids = new ArrayList<>();
                error.path("destinations").forEach(d -> ids.add(d.path("id").asText()));
                return "several existing objects match it (" + String.join(", ", ids) + ": copies imported with new ids);"
                        + " delete the copies or import into another space (ambiguous_conflict)";
            }
            case "unsupported_type":
                return "this Kibana does not know the saved object type '" + item.path("type").asText()
                        + "' (unsupported_type): mailtrail's dashboards need Kibana 8.14 or later";
            case "unknown":
                return "Kibana failed on it: " + error.path("message").asText("no message")
                        + (error.has("statusCode") ? " (HTTP " + error.path("statusCode").asInt() + ")" : "") + " (unknown)";
            default:
                return type + ": " + error.path("message").asText(error.toString());
        }
    }

    /** One line for a request Kibana refused as a whole. */
    static CliException refused(KibanaOptions options, KibanaClient.Answer answer) {
        String message = messageOf(answer.body());
        int status = answer.status();
        String where = "Kibana at " + options.url();
        switch (status) {
            case 400:
                return new CliException(ExitCode.FAILED, where + " refused the import (HTTP 400): " + message
                        + (message.contains("more recent version of Kibana")
                        ? " — this Kibana is older than the dashboards need (8.14 or later)" : ""));
            case 401:
                return new CliException(ExitCode.NOT_AUTHORIZED, options.principal().startsWith("the anonymous")
                        ? where + " requires authentication (HTTP 401): pass --kibana-user (password in " + KibanaOptions.PASSWORD_ENV
                        + "), or an API key in " + KibanaOptions.API_KEY_ENV + ", or a token in " + KibanaOptions.TOKEN_ENV + "."
                        : where + " refused the credentials of " + options.principal() + " (HTTP 401): check them. Kibana said: " + message);
            case 403:
                return new CliException(ExitCode.NOT_AUTHORIZED, options.principal() + " may not import saved objects into "
                        + options.spaceDescription() + " of " + options.url() + " (HTTP 403): grant its role the Kibana privilege"
                        + " 'Saved Objects Management: All' (or 'All' on Dashboard, Discover and Data View Management) in that space."
                        + " Kibana said: " + message);
            case 404:
                return new CliException(ExitCode.FAILED, options.space().isPresent()
                        ? where + " has no space '" + options.space().get() + "' (HTTP 404): create it (Stack Management → Spaces) or"
                        + " fix --kibana-space (the space id, as in /s/<id>/app/...). Kibana said: " + message
                        : where + " has no saved objects API at " + options.importUri().getPath() + " (HTTP 404): check --kibana-url,"
                        + " including Kibana's base path (server.basePath), e.g. https://host/kibana");
            case 413:
                return new CliException(ExitCode.FAILED, where + " refused the file as too large (HTTP 413): raise"
                        + " savedObjects.maxImportPayloadBytes in kibana.yml");
            default:
                return new CliException(ExitCode.FAILED, where + " answered HTTP " + status + " to the import: " + message);
        }
    }

    /** Kibana's error body is {@code {statusCode, error, message}}. */
    private static String messageOf(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return n.path("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show its start
        }
        return abbreviate(body);
    }

    private static String abbreviate(String s) {
        String flat = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
