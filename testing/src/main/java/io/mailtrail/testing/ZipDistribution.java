package io.mailtrail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The integ-test-zip that Maven resolved, unpacked once per machine into the system temp folder so an
 * unprivileged user can reach it wherever the build tree lives. Nodes share this read-only home and keep
 * their config, data and logs in a folder of their own.
 */
final class ZipDistribution {

    /** Set by the build (failsafe) to the resolved zip. */
    static final String PROPERTY = "mailtrail.es.distribution";
    static final String VERSION_PROPERTY = "mailtrail.es.version";

    private final Path zip;
    private final String version;

    ZipDistribution(Path zip, String version) {
        this.zip = zip;
        this.version = version;
    }

    /** The zip named by the build, or the one in the local Maven repository when a test runs from an IDE. */
    static ZipDistribution locate() {
        String version = System.getProperty(VERSION_PROPERTY, "8.19.21");
        String fromBuild = System.getProperty(PROPERTY);
        Path zip = fromBuild != null && !fromBuild.isBlank() && !fromBuild.startsWith("${")
                ? Path.of(fromBuild)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "elasticsearch", "distribution",
                        "integ-test-zip", "elasticsearch", version, "elasticsearch-" + version + ".zip");
        return new ZipDistribution(zip, version);
    }

    boolean exists() {
        return Files.isRegularFile(zip);
    }

    Path zip() {
        return zip;
    }

    String version() {
        return version;
    }

    /** The unpacked home ({@code .../elasticsearch-<version>}), unpacking it first if no other JVM did. */
    Path home() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "mailtrail-es-dist");
        Files.createDirectories(root);
        openToOthers(root);
        String key = version + "-" + Files.size(zip);
        Path done = root.resolve(key);
        Path home = done.resolve("elasticsearch-" + version);
        if (Files.isDirectory(home)) {
            return home;
        }
        try (FileChannel ch = FileChannel.open(root.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (Files.isDirectory(home)) {
                return home;
            }
            Path partial = Files.createTempDirectory(root, key + ".partial");
            unzip(partial);
            openTreeToOthers(partial);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        }
        return home;
    }

    private void unzip(Path into) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
                // ZipFile does not expose Unix modes; the launch scripts are the only files that must run.
                boolean script = target.getParent().getFileName().toString().equals("bin")
                        && !e.getName().endsWith(".bat") && !e.getName().endsWith(".exe");
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void openToOthers(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void openTreeToOthers(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isDirectory).forEach(d -> {
                try {
                    openToOthers(d);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
