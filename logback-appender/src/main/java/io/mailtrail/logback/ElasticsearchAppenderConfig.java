package io.mailtrail.logback;

import io.mailtrail.logback.http.BulkClient;
import io.mailtrail.logback.http.TlsSettings;
import io.mailtrail.logback.route.IndexNamePattern;
import io.mailtrail.logback.spool.DiskSpool;
import io.mailtrail.schema.Namespaces;
import org.apache.http.HttpHost;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The appender's options as set by Joran, their validation (one message naming the option and its value,
 * secrets never echoed) and what is built from them.
 */
final class ElasticsearchAppenderConfig {

    /** A configuration mistake found while building; the message names the option. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }

    /** Logback writes an undefined {@code ${VAR}} as {@code VAR_IS_UNDEFINED}. */
    private static final String UNDEFINED_SUFFIX = "_IS_UNDEFINED";
    private static final long SPOOL_SEGMENT_BYTES = 16L * 1024 * 1024;

    String url;
    String dataset = "generic";
    String namespace = "default";
    String index;
    IndexNamePattern indexPattern;
    /** Default of {@code queueMaxBytes}: 64 MiB of estimated event heap (README, "Memory"). */
    static final long DEFAULT_QUEUE_MAX_BYTES = 64L * 1024 * 1024;
    int queueSize = 200_000;
    long queueMaxBytes = DEFAULT_QUEUE_MAX_BYTES;
    /** Null: {@code block} with a spool, {@code dropNewest} without (see {@link #overflowPolicy(boolean)}). */
    String overflowPolicy;
    long maxBlockMillis = 100;
    int maxBatchActions = 1000;
    long maxBatchBytes = 5L * 1024 * 1024;
    long flushIntervalMillis = 1000;
    long lingerMillis = 50;
    int maxInFlightRequests = 2;
    boolean gzip;
    int connectTimeoutMillis = 5000;
    int socketTimeoutMillis = 30_000;
    long initialBackoffMillis = 100;
    long maxBackoffMillis = 10_000;
    long warningIntervalMillis = 60_000;
    long shutdownTimeoutMillis = 10_000;
    String username;
    String password;
    String apiKey;
    String bearerToken;
    String caCertificate;
    String truststore;
    String truststorePassword;
    String truststoreType = "PKCS12";
    boolean hostnameVerification = true;
    String deadLetterFile;
    long deadLetterMaxBytes = 100L * 1024 * 1024;
    String spoolDirectory;
    long spoolMaxBytes = 1024L * 1024 * 1024;
    String serviceName;
    String serviceVersion;
    String serviceEnvironment;
    String hostName;
    int maxMessageChars = 32_000;
    int maxStackTraceChars = 16_000;
    boolean jmx = true;
    final List<String> includeMdcKeyNames = new ArrayList<>();
    final List<String> excludeMdcKeyNames = new ArrayList<>();
    final List<String> mailtrailMdcKeyNames = new ArrayList<>();
    boolean redactMdc;

    private List<HttpHost> hosts;
    private String pathPrefix;

    /** The first problem found, naming the option and value; null when the options are usable. */
    String validate() {
        String p = validateUrl();
        if (p == null) p = validateNames();
        if (p == null) p = overflowPolicy != null && OverflowPolicy.parse(overflowPolicy) == null
                ? "option 'overflowPolicy' has the unknown value '" + overflowPolicy + "' (use dropNewest, dropOldest or block)" : null;
        if (p == null) p = firstBadNumber();
        if (p == null) p = validateAuth();
        if (p == null) p = validateTls();
        if (p == null) p = validateFiles();
        return p;
    }

    private String validateUrl() {
        if (blank(url)) {
            return "option 'url' is required (e.g. https://localhost:9200)";
        }
        List<HttpHost> parsed = new ArrayList<>();
        String prefix = null;
        for (String part : url.split(",")) {
            String u = part.trim();
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                return "option 'url' has an invalid URL '" + redact(u) + "': " + e.getReason();
            }
            if (uri.getUserInfo() != null) {
                return "option 'url' has credentials in the URL '" + redact(u) + "': use username/password instead";
            }
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                return "option 'url' has the URL '" + u + "' whose scheme is not http or https";
            }
            if (uri.getHost() == null) {
                return "option 'url' has the URL '" + u + "' without a host";
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "option 'url' has the URL '" + u + "' with a query or fragment";
            }
            int port = uri.getPort() != -1 ? uri.getPort() : ("https".equalsIgnoreCase(scheme) ? 443 : 80);
            parsed.add(new HttpHost(uri.getHost(), port, scheme.toLowerCase()));
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (prefix != null && !prefix.equals(path)) {
                return "option 'url' has URLs with different paths ('" + prefix + "', '" + path + "')";
            }
            prefix = path;
        }
        hosts = parsed;
        pathPrefix = prefix;
        return null;
    }

    private String validateNames() {
        try {
            Namespaces.requireValid(dataset);
        } catch (IllegalArgumentException e) {
            return "option 'dataset' has the invalid value '" + dataset + "': use 1-100 lowercase letters, digits, '_' or '.', without '-'";
        }
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            return "option 'namespace' has the invalid value '" + namespace + "': use 1-100 lowercase letters, digits, '_' or '.', without '-'";
        }
        indexPattern = null;
        if (!blank(index)) {
            try {
                indexPattern = IndexNamePattern.parse(index.trim());
            } catch (IllegalArgumentException e) {
                return "option 'index' has the value '" + index + "', but " + e.getMessage();
            }
        }
        return null;
    }

    private String firstBadNumber() {
        Object[][] atLeast = {
                {"queueSize", (long) queueSize, 1L}, {"queueMaxBytes", queueMaxBytes, 1L},
                {"maxBlockMillis", maxBlockMillis, 0L},
                {"maxBatchActions", (long) maxBatchActions, 1L}, {"maxBatchBytes", maxBatchBytes, 1L},
                {"flushIntervalMillis", flushIntervalMillis, 1L}, {"lingerMillis", lingerMillis, 0L},
                {"maxInFlightRequests", (long) maxInFlightRequests, 1L},
                {"connectTimeoutMillis", (long) connectTimeoutMillis, 0L}, {"socketTimeoutMillis", (long) socketTimeoutMillis, 0L},
                {"initialBackoffMillis", initialBackoffMillis, 1L}, {"maxBackoffMillis", maxBackoffMillis, initialBackoffMillis},
                {"warningIntervalMillis", warningIntervalMillis, 0L}, {"shutdownTimeoutMillis", shutdownTimeoutMillis, 0L},
                {"spoolMaxBytes", spoolMaxBytes, 1L}, {"deadLetterMaxBytes", deadLetterMaxBytes, 1L},
                {"maxMessageChars", (long) maxMessageChars, 1L},
                {"maxStackTraceChars", (long) maxStackTraceChars, 1L},
        };
        for (Object[] rule : atLeast) {
            if ((Long) rule[1] < (Long) rule[2]) {
                return "option '" + rule[0] + "' has the value " + rule[1] + " but must be at least " + rule[2];
            }
        }
        if (maxBatchBytes > Integer.MAX_VALUE - 8) {
            return "option 'maxBatchBytes' has the value " + maxBatchBytes + " but must be below 2 GiB";
        }
        return null;
    }

    private String validateAuth() {
        for (String[] secret : new String[][]{{"username", username}, {"password", password}, {"apiKey", apiKey},
                {"bearerToken", bearerToken}, {"truststorePassword", truststorePassword}}) {
            if (secret[1] != null && secret[1].endsWith(UNDEFINED_SUFFIX)) {
                return "option '" + secret[0] + "' refers to an undefined variable ("
                        + secret[1].substring(0, secret[1].length() - UNDEFINED_SUFFIX.length()) + ")";
            }
        }
        int methods = (!blank(username) || !blank(password) ? 1 : 0) + (!blank(apiKey) ? 1 : 0) + (!blank(bearerToken) ? 1 : 0);
        if (methods > 1) {
            return "options 'username'/'password', 'apiKey' and 'bearerToken' exclude each other, but more than one is set";
        }
        if (!blank(username) && password == null) {
            return "option 'username' is set ('" + username + "') but option 'password' is not";
        }
        if (blank(username) && !blank(password)) {
            return "option 'password' is set but option 'username' is not";
        }
        return null;
    }

    private String validateTls() {
        if (!blank(caCertificate) && !blank(truststore)) {
            return "options 'caCertificate' and 'truststore' exclude each other, but both are set";
        }
        if (!blank(caCertificate) && !Files.isReadable(Path.of(caCertificate))) {
            return "option 'caCertificate' names the file '" + caCertificate + "', which cannot be read";
        }
        if (!blank(truststore) && !Files.isReadable(Path.of(truststore))) {
            return "option 'truststore' names the file '" + truststore + "', which cannot be read";
        }
        return null;
    }

    private String validateFiles() {
        if (!blank(deadLetterFile)) {
            Path f = Path.of(deadLetterFile).toAbsolutePath();
            if (Files.isDirectory(f) || (Files.exists(f) && !Files.isWritable(f))) {
                return "option 'deadLetterFile' names '" + deadLetterFile + "', which is not a writable file";
            }
        } else {
            deadLetterFile = null;
        }
        if (blank(spoolDirectory)) {
            spoolDirectory = null;
        }
        return null;
    }

    /** The SSL context for https, or null for the JVM default. */
    private SSLContext sslContext() throws ConfigException {
        try {
            if (!blank(caCertificate)) {
                return TlsSettings.trustingPem(Path.of(caCertificate));
            }
            if (!blank(truststore)) {
                return TlsSettings.trustingStore(Path.of(truststore),
                        truststorePassword == null ? null : truststorePassword.toCharArray(), truststoreType);
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("option '" + (blank(caCertificate) ? "truststore" : "caCertificate") + "': " + e.getMessage());
        }
    }

    private String authorization() {
        if (!blank(apiKey)) {
            return "ApiKey " + apiKey.trim();
        }
        if (!blank(bearerToken)) {
            return "Bearer " + bearerToken.trim();
        }
        if (!blank(username)) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    BulkClient newClient(String threadPrefix) throws ConfigException {
        return new BulkClient(hosts, pathPrefix, authorization(), sslContext(), hostnameVerification, gzip,
                connectTimeoutMillis, socketTimeoutMillis, threadPrefix);
    }

    /**
     * The configured policy; unset, {@code block} when a spool is configured (a full queue then waits at most
     * maxBlockMillis while the shipper moves the queue to disk, so a burst is kept rather than dropped) and
     * {@code dropNewest} otherwise (without a disk, waiting cannot save an event the node cannot take).
     */
    OverflowPolicy overflowPolicy(boolean withSpool) {
        if (overflowPolicy == null) {
            return withSpool ? OverflowPolicy.BLOCK : OverflowPolicy.DROP_NEWEST;
        }
        return OverflowPolicy.parse(overflowPolicy);
    }

    /** Opens the spool, or returns null when none is configured. */
    DiskSpool openSpool() throws ConfigException {
        if (spoolDirectory == null) {
            return null;
        }
        try {
            return DiskSpool.open(Path.of(spoolDirectory), spoolMaxBytes, Math.min(SPOOL_SEGMENT_BYTES, spoolMaxBytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("option 'spoolDirectory' ('" + spoolDirectory + "') is unusable: " + e.getMessage());
        }
    }

    String redactedUrl() {
        return url == null ? null : redact(url);
    }

    /** Removes user info ({@code user:pass@}) from URLs. */
    private static String redact(String u) {
        return u.replaceAll("//[^/@,]*@", "//***@");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The host name for {@code host.name}: {@code HOSTNAME}/{@code COMPUTERNAME}, else the resolver's. */
    static String localHostName() {
        String env = System.getenv("HOSTNAME");
        if (blank(env)) {
            env = System.getenv("COMPUTERNAME");
        }
        if (!blank(env)) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
