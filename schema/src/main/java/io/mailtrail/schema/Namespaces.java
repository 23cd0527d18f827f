package io.mailtrail.schema;

import java.util.regex.Pattern;

/** Data stream namespace rules (ECS {@code data_stream.namespace}). */
public final class Namespaces {

    private static final Pattern VALID = Pattern.compile("[a-z0-9_][a-z0-9_.]{0,99}");

    private Namespaces() {
    }

    /**
     * Returns the namespace if it is valid: lowercase, no {@code -}, at most 100 characters, none of the
     * characters an index name forbids.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    public static String requireValid(String namespace) {
        if (namespace == null || !VALID.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace '" + namespace
                    + "' is invalid: use 1-100 lowercase letters, digits, '_' or '.', without '-' (e.g. 'production')");
        }
        return namespace;
    }
}
