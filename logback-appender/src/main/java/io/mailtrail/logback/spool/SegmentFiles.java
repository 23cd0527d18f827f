package io.mailtrail.logback.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Names of segment files: the segment number, zero-padded to 20 digits so names sort like numbers. */
final class SegmentFiles {

    private static final String SUFFIX = ".seg";
    private static final Pattern NAME = Pattern.compile("\\d{20}\\.seg");

    private SegmentFiles() {
    }

    static Path path(Path dir, long segment) {
        return dir.resolve(String.format("%020d%s", segment, SUFFIX));
    }

    /** Numbers of the segment files in dir, in ascending order; other files are ignored. */
    static List<Long> list(Path dir) throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isRegularFile(file)) {
                    numbers.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                }
            }
        }
        Collections.sort(numbers);
        return numbers;
    }
}
