package io.mailtrail.testing;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh random passwords per node: nothing a test prints can unlock a later node. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String random() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
