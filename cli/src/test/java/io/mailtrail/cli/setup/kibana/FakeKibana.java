package io.mailtrail.cli.setup.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that checks an import request the way Kibana's {@code POST /api/saved_objects/_import}
 * route does and answers the way Kibana answers (HTTP 200 with {@code success}/{@code successResults}/{@code errors},
 * or {@code {statusCode, error, message}} for a refused request). What it checks, and where Kibana does it:
 * <ul>
 *   <li>{@code kbn-xsrf} header, else 400 "Request must contain a kbn-xsrf header." (Kibana's XSRF pre-routing handler);</li>
 *   <li>authentication, else 401; a role without saved object privileges, 403;</li>
 *   <li>{@code /s/<space>} prefix naming an existing space, else 404 "Saved object [space/x] not found" (spaces plugin);</li>
 *   <li>multipart/form-data with the field {@code file} whose name ends in {@code .ndjson}, else 400 "Invalid file extension"
 *       ({@code core-saved-objects-server-internal/src/routes/import.ts});</li>
 *   <li>references of type index-pattern and search must resolve in the file or the space, else
 *       {@code missing_references} ({@code import/lib/validate_references.ts});</li>
 *   <li>objects of unknown types fail with {@code unsupported_type}; an existing id with overwrite is replaced and
 *       reported with {@code overwrite: true}.</li>
 * </ul>
 */
final class FakeKibana implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALIDATED_REFERENCE_TYPES = Set.of("index-pattern", "search");

    private final HttpServer server;
    private final String basePath;
    private final String scheme;
    private final Set<String> spaces = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, JsonNode>> objectsBySpace = new ConcurrentHashMap<>();
    private final Set<String> knownTypes = ConcurrentHashMap.newKeySet();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Set<String> readOnlyPrincipals = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> injectedErrors = new ConcurrentHashMap<>();
    private final Map<String, String> newestMigrations = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeKibana(String basePath) throws IOException {
        this(basePath, null);
    }

    /** With an {@link SSLContext}: an HTTPS Kibana serving that context's certificate. */
    FakeKibana(String basePath, SSLContext tls) throws IOException {
        this.basePath = basePath;
        this.scheme = tls == null ? "http" : "https";
        spaces.add("default");
        knownTypes.addAll(List.of("index-pattern", "search", "dashboard", "lens", "visualization", "map", "tag"));
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + basePath);
    }

    FakeKibana space(String id) {
        spaces.add(id);
        return this;
    }

    /** Requests must carry this {@code Authorization} header; {@code who} is how 401/403 name the caller. */
    FakeKibana requireAuthorization(String header, String who) {
        authorizations.put(header, who);
        return this;
    }

    /** This caller authenticates but has no privilege to write saved objects: 403. */
    FakeKibana readOnly(String header) {
        readOnlyPrincipals.add(header);
        return this;
    }

    /** As a Kibana where this saved object type is not registered (a disabled plugin, an older release). */
    FakeKibana withoutType(String type) {
        knownTypes.remove(type);
        return this;
    }

    /**
     * As a Kibana release whose newest migration of {@code type} is {@code version}: a file holding a newer stamp of
     * that type is refused as a whole with HTTP 400, as Kibana's document migrator refuses a document "from a more
     * recent version" ({@code core-saved-objects-migration-server-internal}, document_migrator).
     */
    FakeKibana newestMigration(String type, String version) {
        newestMigrations.put(type, version);
        return this;
    }

    /** The next import fails this object with this {@code error} object. */
    FakeKibana failObject(String type, String id, ObjectNode error) {
        injectedErrors.put(type + "/" + id, error);
        return this;
    }

    Map<String, JsonNode> objects(String space) {
        return objectsBySpace.getOrDefault(space, Map.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            String path = ex.getRequestURI().getPath();
            Matcher m = Pattern.compile(Pattern.quote(basePath) + "(?:/s/([^/]+))?/api/saved_objects/_import").matcher(path);
            if (!m.matches() || !"POST".equals(ex.getRequestMethod())) {
                error(ex, 404, "Not Found", "Not Found");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!authorizations.isEmpty() && (auth == null || !authorizations.containsKey(auth))) {
                error(ex, 401, "Unauthorized", "[security_exception]: unable to authenticate user for REST request [/_security/_authenticate]");
                return;
            }
            if (ex.getRequestHeaders().getFirst("kbn-xsrf") == null) {
                error(ex, 400, "Bad Request", "Request must contain a kbn-xsrf header.");
                return;
            }
            String space = m.group(1) == null ? "default" : m.group(1);
            if (!spaces.contains(space)) {
                error(ex, 404, "Not Found", "Saved object [space/" + space + "] not found");
                return;
            }
            if (auth != null && readOnlyPrincipals.contains(auth)) {
                error(ex, 403, "Forbidden", "Unable to bulk_create index-pattern,search,dashboard");
                return;
            }
            String query = ex.getRequestURI().getQuery();
            boolean overwrite = query != null && query.contains("overwrite=true");
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
                error(ex, 415, "Unsupported Media Type", "Unsupported Media Type");
                return;
            }
            String boundary = contentType.substring("multipart/form-data; boundary=".length());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher part = Pattern.compile("--" + Pattern.quote(boundary) + "\r\nContent-Disposition: form-data; name=\"(\\w+)\"; filename=\"([^\"]*)\"\r\n"
                    + "(?:Content-Type: [^\r\n]+\r\n)?\r\n(.*)\r\n--" + Pattern.quote(boundary) + "--\r\n", Pattern.DOTALL).matcher(body);
            if (!part.matches() || !"file".equals(part.group(1))) {
                error(ex, 400, "Bad Request", "[request body.file]: expected value of type [Stream] but got [undefined]");
                return;
            }
            if (!part.group(2).endsWith(".ndjson")) {
                error(ex, 400, "Bad Request", "Invalid file extension " + part.group(2).replaceAll("^.*(\\.[^.]*)$", "$1"));
                return;
            }
            String tooNew = tooRecent(part.group(3));
            if (tooNew != null) {
                error(ex, 400, "Bad Request", tooNew);
                return;
            }
            answer(ex, 200, importObjects(space, overwrite, part.group(3)));
        }
    }

    private String tooRecent(String ndjson) throws IOException {
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = JSON.readTree(line);
            String newest = newestMigrations.get(o.path("type").asText());
            String stamp = o.path("typeMigrationVersion").asText();
            if (newest != null && !stamp.isEmpty() && compareVersions(stamp, newest) > 0) {
                return "Document \"" + o.path("id").asText() + "\" belongs to a more recent version of Kibana [" + stamp
                        + "] when the last known version is [" + newest + "].";
            }
        }
        return null;
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private ObjectNode importObjects(String space, boolean overwrite, String ndjson) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                JsonNode o = JSON.readTree(line);
                if (o.has("type")) {
                    objects.add(o);
                }
            }
        }
        Map<String, JsonNode> stored = objectsBySpace.computeIfAbsent(space, s -> new LinkedHashMap<>());
        Set<String> inFile = new HashSet<>();
        objects.forEach(o -> inFile.add(key(o)));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode successes = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        Map<String, ObjectNode> pendingErrors = new HashMap<>(injectedErrors);
        injectedErrors.clear();
        for (JsonNode o : objects) {
            String k = key(o);
            ObjectNode error = null;
            if (!knownTypes.contains(o.path("type").asText())) {
                error = JSON.createObjectNode().put("type", "unsupported_type");
            } else if (pendingErrors.containsKey(k)) {
                error = pendingErrors.get(k);
            } else {
                ArrayNode missing = JSON.createArrayNode();
                for (JsonNode r : o.path("references")) {
                    String rk = r.path("type").asText() + "/" + r.path("id").asText();
                    boolean resolvable = (inFile.contains(rk) && knownTypes.contains(r.path("type").asText())) || stored.containsKey(rk);
                    if (VALIDATED_REFERENCE_TYPES.contains(r.path("type").asText()) && !resolvable
                            && missing.findValues("id").stream().noneMatch(id -> id.asText().equals(r.path("id").asText()))) {
                        missing.addObject().put("type", r.path("type").asText()).put("id", r.path("id").asText());
                    }
                }
                if (!missing.isEmpty()) {
                    error = JSON.createObjectNode().put("type", "missing_references");
                    error.set("references", missing);
                }
            }
            if (error == null && stored.containsKey(k) && !overwrite) {
                error = JSON.createObjectNode().put("type", "conflict");
            }
            ObjectNode item = JSON.createObjectNode().put("type", o.path("type").asText()).put("id", o.path("id").asText());
            item.putObject("meta").put("title", o.path("attributes").path("title").asText());
            if (error != null) {
                item.put("title", o.path("attributes").path("title").asText());
                item.set("error", error);
                errors.add(item);
                continue;
            }
            if (stored.containsKey(k)) {
                item.put("overwrite", true);
            }
            item.put("managed", false);
            stored.put(k, o);
            successes.add(item);
        }
        response.put("successCount", successes.size());
        response.put("success", errors.isEmpty());
        response.putArray("warnings");
        response.set("successResults", successes);
        if (!errors.isEmpty()) {
            response.set("errors", errors);
        }
        return response;
    }

    private static String key(JsonNode o) {
        return o.path("type").asText() + "/" + o.path("id").asText();
    }

    private static void error(HttpExchange ex, int status, String error, String message) throws IOException {
        // Read what the client sends before answering, as Kibana's HTTP server does: closing the exchange on an unread
        // multipart body can reset the connection under the client, which then sees no answer at all.
        ex.getRequestBody().readAllBytes();
        answer(ex, status, JSON.createObjectNode().put("statusCode", status).put("error", error).put("message", message));
    }

    private static void answer(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
