package io.mailtrail.logback.ship;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.mailtrail.logback.bulk.BulkItem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends rejected documents to an NDJSON file, one line each:
 * {@code {"@timestamp":..., "status":400, "error":{...}, "action":{...}, "document":{...}}}. The document is
 * embedded as JSON when it parses, else as a string. Holds only what was sent to Elasticsearch and its
 * answer; authentication never is part of either.
 */
public final class DeadLetterFile {

    private final Path file;
    private final JsonFactory factory = new JsonFactory();

    public DeadLetterFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(BulkItem item, int status, String errorJson) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(item.size() + 256);
        try (JsonGenerator g = factory.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("@timestamp", Instant.now().toString());
            g.writeNumberField("status", status);
            g.writeFieldName("error");
            writeJsonOrString(g, errorJson);
            g.writeFieldName("action");
            writeJsonOrString(g, item.action());
            g.writeFieldName("document");
            writeJsonOrString(g, item.document());
            g.writeEndObject();
        }
        line.write('\n');
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            line.writeTo(out);
        }
    }

    private void writeJsonOrString(JsonGenerator g, String text) throws IOException {
        if (text == null) {
            g.writeNull();
        } else if (isJson(text)) {
            g.writeRawValue(text);
        } else {
            g.writeString(text);
        }
    }

    private boolean isJson(String text) {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
