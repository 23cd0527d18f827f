package io.mailtrail.tracker;

/** Message ids in the one form calls and delivery events share: trimmed, without angle brackets. */
public final class MessageIds {

    private MessageIds() {
    }

    /** {@code " <abc@host> "} → {@code abc@host}; null or blank → null. */
    public static String normalise(String messageId) {
        if (messageId == null) {
            return null;
        }
        String id = messageId.trim();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        if (id.endsWith(">")) {
            id = id.substring(0, id.length() - 1);
        }
        id = id.trim();
        return id.isEmpty() ? null : id;
    }
}
