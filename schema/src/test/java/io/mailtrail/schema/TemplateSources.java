package io.mailtrail.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the parts of {@code index-templates/} that follow from the catalog: the two mapping component
 * templates and the README field table. The files are committed (one copy, readable, installable with curl);
 * {@link GeneratedAssetsTest} fails when they drift from what this renders, and rewrites them when run with
 * {@code -Dmailtrail.regenerate=true}.
 */
final class TemplateSources {

    static final Path INDEX_TEMPLATES = Path.of("..", "index-templates");
    static final Path ECS_MAPPINGS = INDEX_TEMPLATES.resolve("component/mailtrail-ecs-mappings.json");
    static final Path MAILTRAIL_MAPPINGS = INDEX_TEMPLATES.resolve("component/mailtrail-mappings.json");
    static final Path README = INDEX_TEMPLATES.resolve("README.md");
    static final String TABLE_START = "<!-- field-table:start (generated from io.mailtrail.schema.Fields; do not edit by hand) -->";
    static final String TABLE_END = "<!-- field-table:end -->";

    /** ECS keeps keywords up to this length; longer values are kept in _source but not indexed. */
    static final int IGNORE_ABOVE = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private TemplateSources() {
    }

    /** The ECS component: root mapping parameters, the ECS fields, and keyword-only dynamic objects. */
    static String ecsMappings() {
        Map<String, Object> mappings = new LinkedHashMap<>();
        // Unknown fields stay in _source only: they can't conflict, explode the mapping or fail an event.
        mappings.put("dynamic", false);
        mappings.put("date_detection", false);
        mappings.put("dynamic_templates", Fields.all().stream()
                .filter(f -> f.type() == FieldType.KEYWORD_OBJECT)
                .map(TemplateSources::keywordLeaves)
                .toList());
        mappings.put("properties", properties(Fields.all().stream().filter(Field::isEcs).toList()));
        return component(mappings, "ECS fields of mailtrail events (ECS " + EventValues.ECS_VERSION
                + "), portable types; unknown fields are kept in _source but not indexed.");
    }

    /** The mailtrail component: the {@code mailtrail.*} fields ECS lacks. */
    static String mailtrailMappings() {
        Map<String, Object> mappings = new LinkedHashMap<>();
        mappings.put("properties", properties(Fields.all().stream().filter(f -> !f.isEcs()).toList()));
        return component(mappings, "mailtrail.* fields of mailtrail events: what ECS has no field for.");
    }

    /** The README field table, one row per catalog field. */
    static String fieldTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Field | Type | ECS or custom | Events | Description | Example |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Field f : Fields.all()) {
            String origin = !f.isEcs() ? "custom"
                    : f.isPortableStandIn() ? "ECS (ECS type `" + f.ecsType() + "`)" : "ECS";
            String events = events(f);
            out.append("| `").append(f.name()).append("` | ").append(mappingTypeLabel(f)).append(" | ")
                    .append(origin).append(" | ").append(events).append(" | ")
                    .append(cell(f.description())).append(" | `").append(f.example().replace("|", "\\|")).append("` |\n");
        }
        return out.toString();
    }

    /** The README with its field table section replaced by the rendered one. */
    static String readmeWithTable(String readme) {
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(README + " lacks the markers " + TABLE_START + " ... " + TABLE_END);
        }
        return readme.substring(0, start + TABLE_START.length()) + "\n" + fieldTable() + readme.substring(end);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code all}, {@code both} (calls and delivery), or the datasets by name in catalog order. */
    static String events(Field f) {
        if (f.datasets().size() == Dataset.values().length) {
            return "all";
        }
        if (f.datasets().equals(java.util.EnumSet.of(Dataset.CALLS, Dataset.DELIVERY))) {
            return "both";
        }
        return String.join(", ", java.util.EnumSet.copyOf(f.datasets()).stream().map(d -> d.name().toLowerCase()).toList());
    }

    private static String mappingTypeLabel(Field f) {
        return switch (f.type()) {
            case KEYWORD_OBJECT -> "object of keyword";
            case SOURCE_ONLY_KEYWORD -> "keyword, not indexed";
            default -> f.type().mappingType();
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static Map<String, Object> keywordLeaves(Field objectField) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("type", FieldType.KEYWORD.mappingType());
        mapping.put("ignore_above", IGNORE_ABOVE);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("path_match", List.of(objectField.name() + ".*"));
        // Objects are flattened by subobjects:false; every scalar becomes a keyword, so no value can conflict.
        template.put("match_mapping_type", List.of("string", "long", "double", "boolean"));
        template.put("mapping", mapping);
        return Map.of(objectField.name().replace('.', '_') + "_as_keyword", template);
    }

    /** Nests dotted names into an Elasticsearch {@code properties} tree. */
    private static Map<String, Object> properties(List<Field> fields) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Field f : fields) {
            String[] parts = f.name().split("\\.");
            Map<String, Object> level = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) level.computeIfAbsent(parts[i], k -> objectMapping());
                @SuppressWarnings("unchecked")
                Map<String, Object> children = (Map<String, Object>) object.computeIfAbsent("properties", k -> new LinkedHashMap<>());
                level = children;
            }
            level.put(parts[parts.length - 1], leaf(f));
        }
        return root;
    }

    /**
     * Written out in full ({@code type: object}; {@code path_match} as a list) because that is the form the
     * Java client sends: installing with curl or with {@code mailtrail setup} then stores the same thing.
     */
    private static Map<String, Object> objectMapping() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        return m;
    }

    private static Map<String, Object> leaf(Field f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.type().mappingType());
        switch (f.type()) {
            case KEYWORD -> m.put("ignore_above", IGNORE_ABOVE);
            case SOURCE_ONLY_KEYWORD -> {
                // JSON kept for reading back: nothing to search or aggregate, so no index and no doc values.
                m.put("index", false);
                m.put("doc_values", false);
            }
            case KEYWORD_OBJECT -> {
                m.put("dynamic", true);
                m.put("subobjects", false);
            }
            default -> { }
        }
        return m;
    }

    private static String component(Map<String, Object> mappings, String description) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("description", description);
        meta.put("managed_by", "mailtrail");
        meta.put("generated_from", "io.mailtrail.schema.Fields");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", Map.of("mappings", mappings));
        body.put("_meta", meta);
        try {
            return JSON.writer(PRETTY).writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
