package io.mailtrail.cli.setup.kibana;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.elasticsearch.ConnectionOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Kibana is and how to authenticate to it, as given to {@code setup}. Secrets come from the environment
 * (or their option) and never appear in {@link #toString()} or in any message.
 */
public final class KibanaOptions {

    /** Password of {@code --kibana-user}, when {@code --kibana-password} is not given. */
    public static final String PASSWORD_ENV = "MAILTRAIL_KIBANA_PASSWORD";
    /** Encoded API key ({@code id:key} in base64, as Kibana and Elasticsearch show it), when {@code --kibana-api-key} is not given. */
    public static final String API_KEY_ENV = "MAILTRAIL_KIBANA_API_KEY";
    /** Bearer token (e.g. a service account token), when {@code --kibana-token} is not given. */
    public static final String TOKEN_ENV = "MAILTRAIL_KIBANA_TOKEN";

    /** Kibana space ids: lowercase letters, digits, {@code _} and {@code -} (Kibana's space id rule). */
    private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9_-]+");

    /** The options of the Kibana step, listed in {@code help setup}. */
    public static final List<Option> OPTIONS = List.of(
            Option.valued("kibana-url", "URL", "Kibana URL, with its base path if it has one (e.g. https://kibana:5601/kibana);"
                    + " when given, setup imports the dashboards (default: no Kibana step)"),
            Option.valued("kibana-space", "SPACE", "Kibana space id to import into (default: the default space)"),
            Option.valued("kibana-user", "USER", "user for basic authentication to Kibana (default: --es-user)"),
            Option.valued("kibana-password", "PASSWORD", "password of --kibana-user (default: environment variable " + PASSWORD_ENV
                    + ", else the Elasticsearch password when the user is --es-user)"),
            Option.valued("kibana-api-key", "KEY", "encoded API key for Kibana instead of a user (default: environment variable " + API_KEY_ENV + ")"),
            Option.valued("kibana-token", "TOKEN", "bearer token for Kibana instead of a user (default: environment variable " + TOKEN_ENV + ")"),
            Option.valued("kibana-ca", "FILE", "PEM file of the CA that signed Kibana's certificate (default: --es-ca, else the JVM's trust store)"));

    private final URI url;
    private final String space;
    private final String user;
    private final String authorization;
    private final Path ca;

    KibanaOptions(URI url, String space, String user, String authorization, Path ca) {
        this.url = url;
        this.space = space;
        this.user = user;
        this.authorization = authorization;
        this.ca = ca;
    }

    /** True when {@code setup} should import into Kibana at all. */
    static boolean requested(Arguments args) {
        return args.value("kibana-url").isPresent();
    }

    /**
     * Reads and checks the options.
     *
     * @throws CliException (usage) naming the option and what is wrong with it
     */
    public static KibanaOptions from(Arguments args, Console console) {
        String raw = args.value("kibana-url").orElseThrow(() -> CliException.usage("--kibana-url is missing"));
        URI url = parseUrl(raw);
        String space = args.value("kibana-space").orElse(null);
        if (space != null && !SPACE_ID.matcher(space).matches()) {
            throw CliException.usage("--kibana-space " + space + ": a space id has only lowercase letters, digits, '_' and '-'"
                    + " (the id in the URL /s/<id>/app/..., not the display name)");
        }
        Optional<String> apiKey = args.value("kibana-api-key").or(() -> console.env(API_KEY_ENV));
        Optional<String> token = args.value("kibana-token").or(() -> console.env(TOKEN_ENV));
        Optional<String> explicitUser = args.value("kibana-user");
        String user = null;
        String authorization = null;
        int methods = (apiKey.isPresent() ? 1 : 0) + (token.isPresent() ? 1 : 0) + (explicitUser.isPresent() ? 1 : 0);
        if (methods > 1) {
            throw CliException.usage("Kibana authentication: give only one of --kibana-user, --kibana-api-key (" + API_KEY_ENV
                    + ") and --kibana-token (" + TOKEN_ENV + ")");
        }
        if (apiKey.isPresent()) {
            authorization = "ApiKey " + apiKey.get().trim();
        } else if (token.isPresent()) {
            authorization = "Bearer " + token.get().trim();
        } else {
            user = explicitUser.or(() -> args.value("es-user")).orElse(null);
            if (user != null) {
                // Kibana authenticates against the same Elasticsearch users: the es user's password serves when
                // the Kibana user is that user.
                Optional<String> password = args.value("kibana-password").or(() -> console.env(PASSWORD_ENV));
                if (password.isEmpty() && explicitUser.isEmpty()) {
                    password = args.value("es-password").or(() -> console.env(ConnectionOptions.PASSWORD_ENV));
                }
                String who = user;
                authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password.orElseThrow(() -> CliException.usage(
                        "--kibana-user " + who + " needs a password: --kibana-password, or the environment variable " + PASSWORD_ENV)))
                        .getBytes(StandardCharsets.UTF_8));
            } else if (args.value("kibana-password").isPresent()) {
                throw CliException.usage("--kibana-password is set but no --kibana-user");
            }
        }
        Path ca = args.value("kibana-ca").or(() -> args.value("es-ca")).map(Path::of).orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            throw CliException.usage("--kibana-ca " + ca + ": no readable file there");
        }
        return new KibanaOptions(url, space, user, authorization, ca);
    }

    private static URI parseUrl(String raw) {
        try {
            URI url = new URI(raw);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw CliException.usage("--kibana-url " + raw + ": use an http:// or https:// URL, e.g. http://localhost:5601");
            }
            if (url.getHost() == null) {
                throw CliException.usage("--kibana-url " + raw + ": no host in it, e.g. http://localhost:5601");
            }
            if (url.getUserInfo() != null) {
                throw CliException.usage("--kibana-url must not carry credentials; use --kibana-user and " + PASSWORD_ENV);
            }
            if (url.getQuery() != null || url.getFragment() != null) {
                throw CliException.usage("--kibana-url " + raw + ": give the Kibana base URL only, without ?query or #fragment");
            }
            return url;
        } catch (URISyntaxException e) {
            throw CliException.usage("--kibana-url " + raw + ": not a URL (" + e.getReason() + ")");
        }
    }

    /** The import endpoint: base path kept, space prefixed ({@code <base>/s/<space>/api/saved_objects/_import?overwrite=true}). */
    URI importUri() {
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (space == null ? "" : "/s/" + space) + "/api/saved_objects/_import?overwrite=true");
    }

    URI url() {
        return url;
    }

    /** The space as named in messages. */
    String spaceDescription() {
        return space == null ? "the default space" : "space '" + space + "'";
    }

    Optional<String> space() {
        return Optional.ofNullable(space);
    }

    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    Optional<Path> ca() {
        return Optional.ofNullable(ca);
    }

    /** How messages name who talks to Kibana; never the secret. */
    String principal() {
        if (user != null) {
            return "user '" + user + "'";
        }
        if (authorization == null) {
            return "the anonymous user (no --kibana-user, --kibana-api-key or --kibana-token)";
        }
        return authorization.startsWith("ApiKey") ? "the API key" : "the bearer token";
    }

    @Override
    public String toString() {
        return url + (space == null ? "" : " space " + space) + " as " + principal();
    }
}
