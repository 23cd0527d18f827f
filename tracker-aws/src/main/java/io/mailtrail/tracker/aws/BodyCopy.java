package io.mailtrail.tracker.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the start of a response body for the classifier and hands the SDK a stream with the very same bytes:
 * what was read, then the rest unread, then any read error at the point it happened. SES answers are small;
 * the cap keeps a surprise large body from being held twice.
 */
final class BodyCopy {

    static final int MAX_BYTES = 64 * 1024;

    private final String text;
    private final InputStream replay;

    private BodyCopy(String text, InputStream replay) {
        this.text = text;
        this.replay = replay;
    }

    static BodyCopy of(InputStream body) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        IOException failure = null;
        try {
            while (head.size() < MAX_BYTES) {
                int n = body.read(buffer, 0, Math.min(buffer.length, MAX_BYTES - head.size()));
                if (n < 0) {
                    break;
                }
                head.write(buffer, 0, n);
            }
        } catch (IOException e) {
            failure = e;
        }
        byte[] bytes = head.toByteArray();
        // the original stays in the chain even when read to its end: closing the replay must close it (and free the connection)
        InputStream rest = failure != null ? new Failing(failure, body) : body;
        return new BodyCopy(new String(bytes, StandardCharsets.UTF_8), new SequenceInputStream(new ByteArrayInputStream(bytes), rest));
    }

    /** The body read (at most {@link #MAX_BYTES}), as UTF-8. */
    String text() {
        return text;
    }

    /** What the SDK reads instead of the original stream. */
    InputStream replay() {
        return replay;
    }

    /** Throws the read error the original stream gave, to whoever reads past the copied bytes. */
    private static final class Failing extends InputStream {
        private final IOException failure;
        private final InputStream original;

        Failing(IOException failure, InputStream original) {
            this.failure = failure;
            this.original = original;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }

        @Override
        public void close() throws IOException {
            original.close();
        }
    }
}
