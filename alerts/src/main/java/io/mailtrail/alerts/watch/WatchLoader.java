package io.mailtrail.alerts.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.WatchException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the watches of a folder ({@code <id>.json} each). A malformed file becomes one {@link Problem}
 * naming the file and the JSON path; the other watches still load.
 */
public final class WatchLoader {

    /** A file that could not be loaded. */
    public record Problem(String file, String jsonPath, String message) {
        /** The one line to print: {@code file: $.path: message}. */
        public String line() {
            return file + ": " + jsonPath + ": " + message;
        }
    }

    /** What a folder held. */
    public record Loaded(List<Watch> watches, List<Problem> problems) {
    }

    private WatchLoader() {
    }

    public static Loaded load(Path folder) {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list watches in " + folder, e);
        }
        List<Watch> watches = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                watches.add(parse(name.substring(0, name.length() - 5), Files.readString(f)));
            } catch (WatchException e) {
                problems.add(new Problem(f.toString(), e.jsonPath(), WatchException.fullMessage(e)));
            } catch (IOException e) {
                problems.add(new Problem(f.toString(), "$", "cannot read: " + e.getMessage()));
            }
        }
        return new Loaded(watches, problems);
    }

    /** Parses watch JSON text; invalid JSON is a parse failure at the line/column Jackson reports. */
    public static Watch parse(String id, String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw WatchException.parse("invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()).at("$");
        }
        return WatchParser.parse(id, node);
    }
}
