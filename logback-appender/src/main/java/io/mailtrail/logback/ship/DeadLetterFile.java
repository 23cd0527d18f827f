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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends rejected documents to an NDJSON file, one line each:
 * {@code {"@timestamp":..., "status":400, "error":{...}, "action":{...}, "document":{...}}}. The document is
 * embedded as JSON when it parses, else as a string. Holds only what was sent to Elasticsearch and its
 * answer; authentication never is part of either.
 *
 * <p>Bounded the way Logback's size-based rolling is: a line that would take the file past {@code maxBytes}
 * first renames it to {@code <file>.1}, replacing the previous one, so the two never hold more than twice
 * {@code maxBytes} (plus one line). A mapping mistake can reject every event for hours; the disk must not
 * fill up with them.
 */
public final class DeadLetterFile {

    private final Path file;
    private final Path previous;
    private final long maxBytes;
    private final JsonFactory factory = new JsonFactory();

    public DeadLetterFile(Path file, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1: " + maxBytes);
        }
        this.file = file;
        this.previous = file.resolveSibling(file.getFileName() + ".1");
        this.maxBytes = maxBytes;
    }

    public Path file() {
        return file;
    }

    /** Where the file goes when it is full. */
    public Path previousFile() {
        return previous;
    }

    /**
     * Appends one line.
     *
     * @return true when the file was full and renamed to {@link #previousFile()} first (what that held before is gone)
     */
    public synchronized boolean append(BulkItem item, int status, String errorJson) throws IOException {
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
        boolean rolled = false;
        if (Files.exists(file)) {
            long size = Files.size(file);
            if (size > 0 && size + line.size() > maxBytes) {
                Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
                rolled = true;
            }
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            line.writeTo(out);
        }
        return rolled;
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
