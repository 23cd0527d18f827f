package io.mailtrail.alerts.mail;

import java.util.Objects;

/**
 * An image shown inside the HTML body: reference it as {@code <img src="cid:CONTENT_ID">}.
 *
 * @param contentId   the id the HTML refers to, without {@code cid:} and without angle brackets
 * @param contentType e.g. {@code image/png}
 * @param data        the image bytes
 * @param fileName    the name mail clients show when the image is saved
 */
public record InlineImage(String contentId, String contentType, byte[] data, String fileName) {

    public InlineImage {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        if (contentId.isBlank() || contentId.contains("<") || contentId.contains(">") || contentId.contains(" ")) {
            throw new IllegalArgumentException("inline image content id: expected a token without <, > or spaces, got '" + contentId + "'");
        }
        if (fileName == null) {
            fileName = contentId;
        }
    }

    /** A PNG image named {@code <contentId>.png}. */
    public static InlineImage png(String contentId, byte[] data) {
        return new InlineImage(contentId, "image/png", data, contentId + ".png");
    }
}
