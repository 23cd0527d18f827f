package io.mailtrail.cli.setup.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged NDJSON bundle ({@code kibana-dashboards/mailtrail.ndjson}, in the jar under
 * {@code mailtrail/kibana-dashboards/}): its bytes, sent unchanged, and what it holds, for the report.
 */
final class SavedObjectsFile {

    static final String RESOURCE = "mailtrail/kibana-dashboards/mailtrail.ndjson";
    /** Kibana's import route refuses file names without the {@code .ndjson} extension. */
    static final String FILE_NAME = "mailtrail.ndjson";

    /** One saved object of the file. */
    record SavedObject(String type, String id, String title) {
    }

    private final byte[] bytes;
    private final List<SavedObject> objects;

    private SavedObjectsFile(byte[] bytes, List<SavedObject> objects) {
        this.bytes = bytes;
        this.objects = List.copyOf(objects);
    }

    static SavedObjectsFile packaged() {
        try (InputStream in = SavedObjectsFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CliException(ExitCode.FAILED, "this mailtrail build lacks " + RESOURCE + " (a packaging mistake)");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static SavedObjectsFile parse(byte[] bytes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<SavedObject> objects = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = json.readTree(line);
            if (!o.has("type")) {
                continue; // an export summary line
            }
            JsonNode attributes = o.path("attributes");
            String title = attributes.path("title").asText();
            if (attributes.hasNonNull("name")) {
                title = attributes.path("name").asText(); // data views: the display name; the title is the pattern
            }
            objects.add(new SavedObject(o.path("type").asText(), o.path("id").asText(), title));
        }
        return new SavedObjectsFile(bytes, objects);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    List<SavedObject> objects() {
        return objects;
    }
}
