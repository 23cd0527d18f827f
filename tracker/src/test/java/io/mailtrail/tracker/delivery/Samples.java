package io.mailtrail.tracker.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample webhook bodies under {@code src/test/resources/webhooks/<provider>/}. */
final class Samples {

    private Samples() {
    }

    static String read(String provider, String file) {
        String path = "/webhooks/" + provider + "/" + file;
        try (InputStream in = Samples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
