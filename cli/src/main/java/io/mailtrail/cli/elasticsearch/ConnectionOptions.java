package io.mailtrail.cli.elasticsearch;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the cluster is and how to authenticate, as given on the command line; shared by every command that
 * talks to Elasticsearch. The password never appears in {@link #toString()}.
 */
public final class ConnectionOptions {

    /** Environment variable read when {@code --es-password} is not given (keeps it out of the process list). */
    public static final String PASSWORD_ENV = "MAILTRAIL_ES_PASSWORD";
    public static final String DEFAULT_URL = "http://localhost:9200";

    /** The connection options, for a command's {@link io.mailtrail.cli.Command#options()}. */
    public static final List<Option> OPTIONS = List.of(
            Option.valued("es-url", "URL", "Elasticsearch URL, http or https (default " + DEFAULT_URL + ")"),
            Option.valued("es-user", "USER", "user for basic authentication (default: none)"),
            Option.valued("es-password", "PASSWORD", "password of --es-user (default: environment variable " + PASSWORD_ENV + ")"),
            Option.valued("es-ca", "FILE", "PEM file of the CA that signed the cluster's certificate (default: the JVM's trust store)"));

    private final URI url;
    private final String username;
    private final String password;
    private final Path caCertificate;

    public ConnectionOptions(URI url, String username, String password, Path caCertificate) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.caCertificate = caCertificate;
    }

    /**
     * Reads and checks the connection options.
     *
     * @throws CliException (usage) naming the option and the value that is wrong
     */
    public static ConnectionOptions from(Arguments args, Console console) {
        String rawUrl = args.value("es-url").orElse(DEFAULT_URL);
        URI url = parseUrl(rawUrl);
        String user = args.value("es-user").orElse(null);
        String password = args.value("es-password").or(() -> console.env(PASSWORD_ENV)).orElse(null);
        if (user != null && password == null) {
            throw CliException.usage("--es-user " + user + " needs a password: --es-password, or the environment variable " + PASSWORD_ENV);
        }
        if (user == null && password != null) {
            throw CliException.usage("a password is set (--es-password or " + PASSWORD_ENV + ") but no --es-user");
        }
        Path ca = args.value("es-ca").map(Path::of).orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            throw CliException.usage("--es-ca " + ca + ": no readable file there");
        }
        return new ConnectionOptions(url, user, password, ca);
    }

    private static URI parseUrl(String raw) {
        try {
            URI url = new URI(raw);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw CliException.usage("--es-url " + raw + ": use an http:// or https:// URL, e.g. " + DEFAULT_URL);
            }
            if (url.getHost() == null) {
                throw CliException.usage("--es-url " + raw + ": no host in it, e.g. " + DEFAULT_URL);
            }
            if (url.getUserInfo() != null) {
                throw CliException.usage("--es-url must not carry credentials; use --es-user and " + PASSWORD_ENV);
            }
            return url;
        } catch (URISyntaxException e) {
            throw CliException.usage("--es-url " + raw + ": not a URL (" + e.getReason() + ")");
        }
    }

    public URI url() {
        return url;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** How errors name the user: {@code user 'elastic'} or {@code anonymous user}. */
    public String userDescription() {
        return username == null ? "the anonymous user (no --es-user)" : "user '" + username + "'";
    }

    @Override
    public String toString() {
        return url + (username == null ? "" : " as " + username + " (password ****)");
    }
}
