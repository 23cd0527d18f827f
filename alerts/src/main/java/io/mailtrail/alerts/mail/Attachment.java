package io.mailtrail.alerts.mail;

import java.util.Objects;

/**
 * A file attached to a mail (not shown inline).
 *
 * @param fileName    the name mail clients show
 * @param contentType e.g. {@code application/json}
 * @param data        the bytes
 */
public record Attachment(String fileName, String contentType, byte[] data) {

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
    }
}
