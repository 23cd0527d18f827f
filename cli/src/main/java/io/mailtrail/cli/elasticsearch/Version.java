package io.mailtrail.cli.elasticsearch;

import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Elasticsearch version, {@code major.minor.patch}; suffixes such as {@code -SNAPSHOT} are ignored. */
public record Version(int major, int minor, int patch) implements Comparable<Version> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*");

    public static Version parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new CliException(ExitCode.UNSUPPORTED, "cannot read the Elasticsearch version '" + text + "'");
        }
        return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
