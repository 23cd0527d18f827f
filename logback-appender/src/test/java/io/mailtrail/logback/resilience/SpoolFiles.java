package io.mailtrail.logback.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a spool folder holds on disk (segment files are {@code <number>.seg}, see the module README, "Disk spool"). */
final class SpoolFiles {

    private SpoolFiles() {
    }

    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }

    /** Names and sizes, e.g. {@code [00000000000000000001.seg 1843200 B]}. */
    static String describe(List<Path> segments) {
        return segments.stream().map(f -> {
            try {
                return f.getFileName() + " " + Files.size(f) + " B";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.joining(", ", "[", "]"));
    }
}
