package io.mailtrail.cli.setup;

/**
 * What setup did (or would do) to one asset.
 *
 * @param kind   e.g. {@code component template}
 * @param name   the asset's name in the cluster
 * @param status created, updated or unchanged
 */
public record Change(String kind, String name, Status status) {

    public enum Status {
        CREATED, UPDATED, UNCHANGED;

        /** {@code created}, or on a dry run {@code would be created}; {@code unchanged} either way. */
        public String describe(boolean dryRun) {
            String word = name().toLowerCase();
            return dryRun && this != UNCHANGED ? "would be " + word : word;
        }
    }
}
