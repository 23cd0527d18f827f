package io.mailtrail.tracker.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Socket timeouts for Jakarta Mail, whose defaults are infinite: a stuck server would block the sending
 * thread forever and make latency unbounded. Only options the application left unset are filled in.
 *
 * @param connect {@code mail.<protocol>.connectiontimeout}; default 10 s
 * @param read    {@code mail.<protocol>.timeout} (each reply); default 30 s
 * @param write   {@code mail.<protocol>.writetimeout}; default 30 s. Angus Mail enforces it with a thread
 *                per connection; {@link Duration#ZERO} leaves it unset
 */
public record SmtpTimeouts(Duration connect, Duration read, Duration write) {

    public static final SmtpTimeouts DEFAULTS = new SmtpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));

    public SmtpTimeouts {
        check("connect", connect);
        check("read", read);
        check("write", write);
    }

    /**
     * Sets each timeout the properties lack for {@code protocol} ({@code smtp} or {@code smtps}).
     *
     * @return the property names it set
     */
    public List<String> applyTo(Properties props, String protocol) {
        List<String> set = new ArrayList<>(3);
        setIfAbsent(props, "mail." + protocol + ".connectiontimeout", connect, set);
        setIfAbsent(props, "mail." + protocol + ".timeout", read, set);
        setIfAbsent(props, "mail." + protocol + ".writetimeout", write, set);
        return set;
    }

    private static void setIfAbsent(Properties props, String name, Duration value, List<String> set) {
        if (!value.isZero() && props.getProperty(name) == null && props.get(name) == null) {
            props.setProperty(name, String.valueOf(value.toMillis()));
            set.add(name);
        }
    }

    private static void check(String option, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("SMTP " + option + " timeout " + value + " is invalid: use a positive duration (or zero to leave it unset)");
        }
    }
}
