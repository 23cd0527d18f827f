package io.mailtrail.alerts.mail;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how mail is sent: SMTP host, port, transport security, credentials and the default sender.
 * Immutable. The password is held only to authenticate; {@link #toString()} never shows it.
 *
 * <p>From the environment ({@link #fromEnvironment(Map)}):
 * <table>
 *   <caption>environment variables</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_HOST}</td><td>SMTP server host name</td><td>required</td></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_PORT}</td><td>port</td><td>by security: 25, 587, 465</td></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_SECURITY}</td><td>{@code none}, {@code starttls}, {@code tls}</td><td>{@code starttls}</td></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_USER}</td><td>user name; authentication is on when set</td><td>none</td></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_PASSWORD}</td><td>password (only from the environment)</td><td>none</td></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_FROM}</td><td>sender address of every mail</td><td>required</td></tr>
 *   <tr><td>{@code MAILTRAIL_SMTP_SSL_TRUST}</td><td>hosts whose certificate is trusted unverified ({@code *} = all); for test servers</td><td>none (certificates are verified)</td></tr>
 * </table>
 */
public final class SmtpSettings {

    /** The environment variable holding the SMTP password. */
    public static final String PASSWORD_VARIABLE = "MAILTRAIL_SMTP_PASSWORD";

    private final String host;
    private final int port;
    private final SmtpSecurity security;
    private final String username;
    private final String password;
    private final String from;
    private final String sslTrust;
    private final Duration timeout;

    private SmtpSettings(Builder b) {
        if (b.host == null || b.host.isBlank()) {
            throw new IllegalArgumentException("smtp host: required");
        }
        if (b.from == null || b.from.isBlank()) {
            throw new IllegalArgumentException("smtp from: required (the sender address)");
        }
        if (b.port != null && (b.port < 1 || b.port > 65535)) {
            throw new IllegalArgumentException("smtp port: expected 1-65535, got " + b.port);
        }
        if (b.password != null && b.username == null) {
            throw new IllegalArgumentException("smtp user: required when a password is set");
        }
        this.host = b.host.trim();
        this.security = b.security;
        this.port = b.port != null ? b.port : b.security.defaultPort();
        this.username = b.username;
        this.password = b.password;
        this.from = b.from.trim();
        this.sslTrust = b.sslTrust;
        this.timeout = b.timeout;
    }

    /** A builder; {@code host} and {@code from} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from {@code MAILTRAIL_SMTP_*} variables (see the class comment).
     *
     * @throws IllegalArgumentException one line naming the variable and the bad value
     */
    public static SmtpSettings fromEnvironment(Map<String, String> env) {
        Builder b = builder().host(env.get("MAILTRAIL_SMTP_HOST")).from(env.get("MAILTRAIL_SMTP_FROM"));
        if (env.get("MAILTRAIL_SMTP_HOST") == null) {
            throw new IllegalArgumentException("MAILTRAIL_SMTP_HOST: required to send mail");
        }
        if (env.get("MAILTRAIL_SMTP_FROM") == null) {
            throw new IllegalArgumentException("MAILTRAIL_SMTP_FROM: required to send mail (the sender address)");
        }
        Optional.ofNullable(env.get("MAILTRAIL_SMTP_SECURITY"))
                .ifPresent(v -> b.security(SmtpSecurity.parse("MAILTRAIL_SMTP_SECURITY", v)));
        Optional.ofNullable(env.get("MAILTRAIL_SMTP_PORT")).ifPresent(v -> b.port(parsePort("MAILTRAIL_SMTP_PORT", v)));
        Optional.ofNullable(env.get("MAILTRAIL_SMTP_USER")).ifPresent(b::username);
        Optional.ofNullable(env.get(PASSWORD_VARIABLE)).ifPresent(b::password);
        Optional.ofNullable(env.get("MAILTRAIL_SMTP_SSL_TRUST")).ifPresent(b::sslTrust);
        return b.build();
    }

    /** Parses a port option value, failing with one line naming the option. */
    public static int parsePort(String option, String value) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a port 1-65535, got '" + value + "'");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public SmtpSecurity security() {
        return security;
    }

    /** The user name, if the server requires authentication. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Whether a password is configured (the password itself is not exposed). */
    public boolean hasPassword() {
        return password != null;
    }

    String password() {
        return password;
    }

    /** The sender address. */
    public String from() {
        return from;
    }

    /** Hosts trusted without certificate verification, if any. */
    public Optional<String> sslTrust() {
        return Optional.ofNullable(sslTrust);
    }

    /** Connect, read and write timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code host:port} as it appears in messages. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpSettings{" + address() + ", security=" + security.name().toLowerCase(java.util.Locale.ROOT)
                + ", user=" + (username == null ? "none" : username)
                + ", password=" + (password == null ? "none" : "<set>") + ", from=" + from + "}";
    }

    /** Builds {@link SmtpSettings}. */
    public static final class Builder {
        private String host;
        private Integer port;
        private SmtpSecurity security = SmtpSecurity.STARTTLS;
        private String username;
        private String password;
        private String from;
        private String sslTrust;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** SMTP server host name (required). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port; by default the security's port (25, 587 or 465). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Transport security; default {@link SmtpSecurity#STARTTLS}. */
        public Builder security(SmtpSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** User name; authentication (SMTP AUTH) is used when set. */
        public Builder username(String username) {
            this.username = username == null || username.isBlank() ? null : username;
            return this;
        }

        /** Password; read it from the environment ({@link #PASSWORD_VARIABLE}), never from a file in the repository. */
        public Builder password(String password) {
            this.password = password == null || password.isEmpty() ? null : password;
            return this;
        }

        /** Sender address of every mail (required). */
        public Builder from(String from) {
            this.from = from;
            return this;
        }

        /** Hosts whose certificates are trusted without verification ({@code *} = all); for test servers only. */
        public Builder sslTrust(String hosts) {
            this.sslTrust = hosts == null || hosts.isBlank() ? null : hosts;
            return this;
        }

        /** Connect/read/write timeout; default 30 s. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("smtp timeout: expected a positive duration, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public SmtpSettings build() {
            return new SmtpSettings(this);
        }
    }
}
