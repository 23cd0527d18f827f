package io.mailtrail.cli;

import java.util.Objects;

/**
 * A command-line option {@code --name value} (or {@code --name=value}), or a flag {@code --name}.
 *
 * @param name        without the leading dashes, e.g. {@code es-url}
 * @param valueName   placeholder shown in help, e.g. {@code URL}; {@code null} for a flag
 * @param description what it does, including its default and environment variable if any
 */
public record Option(String name, String valueName, String description) {

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    public static Option flag(String name, String description) {
        return new Option(name, null, description);
    }

    public static Option valued(String name, String valueName, String description) {
        return new Option(name, valueName, description);
    }

    public boolean isFlag() {
        return valueName == null;
    }

    /** How it is written in help, e.g. {@code --es-url URL}. */
    public String synopsis() {
        return "--" + name + (isFlag() ? "" : " " + valueName);
    }
}
