package io.mailtrail.logback.spool;

import java.io.IOException;
import java.nio.file.Path;

/** Main class of a child JVM that tries to open a spool folder and prints whether it could. */
public final class SpoolLockProbe {

    private SpoolLockProbe() {
    }

    public static void main(String[] args) {
        try (DiskSpool spool = DiskSpool.open(Path.of(args[0]), 1 << 20, 1 << 20)) {
            System.out.println("opened");
        } catch (IOException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
