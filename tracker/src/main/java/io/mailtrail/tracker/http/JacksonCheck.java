package io.mailtrail.tracker.http;

/**
 * Jackson is an optional dependency of the tracker: fail with a sentence at setup time rather than with a
 * {@link NoClassDefFoundError} on the first send.
 */
public final class JacksonCheck {

    private JacksonCheck() {
    }

    /**
     * @param what the feature that needs Jackson, for the message
     * @throws IllegalStateException when jackson-databind is not on the class path
     */
    public static void require(String what) {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectReader", false, JacksonCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(what + " need com.fasterxml.jackson.core:jackson-databind on the class path;"
                    + " add it as a dependency of your application (it is optional in mailtrail-tracker)");
        }
    }
}
