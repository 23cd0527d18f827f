package io.mailtrail.testsupport.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Snippets of a test's source that a README must hold verbatim: the lines between {@code // README:<name>} and
 * {@code // README:end}, so a test compiles and runs the code the README shows.
 */
public final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** The lines between {@code // README:<name>} and {@code // README:end} in {@code source}, indentation removed. */
    public static String snippet(Path source, String name) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// README:" + name)) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            throw new AssertionError("no snippet " + name + " in " + source);
        }
        List<String> body = new ArrayList<>();
        for (int i = start; !lines.get(i).trim().equals("// README:end"); i++) {
            body.add(lines.get(i));
        }
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
