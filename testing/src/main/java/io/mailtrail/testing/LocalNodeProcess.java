package io.mailtrail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One node of the unpacked distribution, run as a child process on free loopback ports with a folder of
 * its own (config, data, logs). When the build runs as root the node runs as an unprivileged user, since
 * Elasticsearch refuses root. A watchdog shell stops the node if this JVM dies without closing it.
 */
final class LocalNodeProcess implements RunningNode {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Path dir;
    private final Process process;
    private final Process watchdog;
    private final ElasticsearchNode node;

    private LocalNodeProcess(Path dir, Process process, Process watchdog, ElasticsearchNode node) {
        this.dir = dir;
        this.process = process;
        this.watchdog = watchdog;
        this.node = node;
    }

    static LocalNodeProcess start(Path home, String version, Flavour flavour, Map<String, String> env) throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "mailtrail-es-nodes");
        Files.createDirectories(root);
        ZipDistribution.openToOthers(root);
        Path dir = Files.createTempDirectory(root, flavour.name().toLowerCase() + "-");
        Optional<String> runAs = unprivilegedUser(env);
        try {
            Path config = dir.resolve("config");
            copyTree(home.resolve("config"), config);
            int httpPort = freePort();
            int transportPort = freePort();
            StringBuilder yml = new StringBuilder()
                    .append("\n# mailtrail test node\n")
                    .append("discovery.type: single-node\n")
                    .append("network.host: 127.0.0.1\n")
                    .append("http.port: ").append(httpPort).append('\n')
                    .append("transport.port: ").append(transportPort).append('\n')
                    .append("path.data: ").append(dir.resolve("data")).append('\n')
                    .append("path.logs: ").append(dir.resolve("logs")).append('\n')
                    .append("cluster.routing.allocation.disk.threshold_enabled: false\n")
                    .append("action.destructive_requires_name: false\n");
            Map<String, String> toolEnv = Map.of("ES_JAVA_HOME", System.getProperty("java.home"), "ES_PATH_CONF", config.toString());
            ElasticsearchNode.Builder b = ElasticsearchNode.builder().origin(Origin.MAVEN_ZIP).flavour(flavour);
            String adminAuth = null;
            URI url;
            if (flavour == Flavour.SECURED) {
                SecuredSetup secured = SecuredSetup.create(home, dir, toolEnv);
                yml.append(secured.settings());
                url = URI.create("https://localhost:" + httpPort);
                b.caCertificate(secured.caCertificate())
                        .credentials(SecuredNodeFiles.ADMIN_USER, secured.adminPassword())
                        .writer(SecuredNodeFiles.WRITER_USER, secured.writerPassword())
                        .bearerToken(secured.bearerToken());
                adminAuth = ElasticsearchNode.basic(SecuredNodeFiles.ADMIN_USER, secured.adminPassword());
            } else {
                yml.append("xpack.security.enabled: false\n");
                url = URI.create("http://127.0.0.1:" + httpPort);
            }
            Files.writeString(config.resolve("elasticsearch.yml"), yml, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            if (runAs.isPresent()) {
                chownTree(dir, runAs.get());
            }

            List<String> cmd = new ArrayList<>();
            runAs.ifPresent(user -> cmd.addAll(List.of("runuser", "-u", user, "--", "env",
                    "ES_JAVA_HOME=" + toolEnv.get("ES_JAVA_HOME"), "ES_PATH_CONF=" + config,
                    "ES_JAVA_OPTS=" + heapOptions(env))));
            cmd.add(home.resolve("bin/elasticsearch").toString());
            cmd.add("-p");
            cmd.add(dir.resolve("es.pid").toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile());
            pb.environment().putAll(toolEnv);
            pb.environment().put("ES_JAVA_OPTS", heapOptions(env));
            Instant started = Instant.now();
            Process process = pb.start();
            Process watchdog = startWatchdog(dir);

            NodeHttp http = new NodeHttp(url, flavour == Flavour.SECURED ? Tls.trusting(dir.resolve("config/certs/ca/ca.crt")) : Tls.systemDefault(), adminAuth);
            LocalNodeProcess running = null;
            try {
                awaitHealthy(http, process, dir);
                running = new LocalNodeProcess(dir, process, watchdog, b.url(url).version(http.version()).build());
                System.out.printf("[mailtrail-testing] %s started in %.1f s%n", running.node,
                        Duration.between(started, Instant.now()).toMillis() / 1000.0);
                return running;
            } finally {
                if (running == null) {
                    new LocalNodeProcess(dir, process, watchdog, null).close();
                }
            }
        } catch (Exception e) {
            deleteTree(dir);
            throw e;
        }
    }

    @Override
    public ElasticsearchNode node() {
        return node;
    }

    @Override
    public void close() {
        try {
            Optional<ProcessHandle> es = pid().flatMap(ProcessHandle::of);
            es.ifPresent(ProcessHandle::destroy);
            process.destroy();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (es.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            es.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.destroy();
            deleteTree(dir);
        }
    }

    private Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve("es.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The node may come up only after its launcher exited or failed; its own logs tell why. */
    private static void awaitHealthy(NodeHttp http, Process process, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.isHealthy()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with code " + process.exitValue()
                        + " before it was healthy.\n" + logsOf(dir));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Elasticsearch was not healthy after " + START_TIMEOUT.toSeconds() + " s.\n" + logsOf(dir));
    }

    static String logsOf(Path dir) {
        StringBuilder out = new StringBuilder();
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("console.log"));
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            logs.filter(p -> p.toString().endsWith(".log")).forEach(files::add);
        } catch (IOException ignored) {
            // no logs folder yet
        }
        for (Path f : files) {
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                out.append("---- ").append(f).append(" (last 60 lines)\n");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException ignored) {
                // unreadable: skip
            }
        }
        return out.toString();
    }

    private static Process startWatchdog(Path dir) throws IOException {
        long me = ProcessHandle.current().pid();
        String script = "while kill -0 " + me + " 2>/dev/null; do sleep 1; done; "
                + "p=$(cat '" + dir + "/es.pid' 2>/dev/null); [ -n \"$p\" ] && kill $p; sleep 5; rm -rf '" + dir + "'";
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String heapOptions(Map<String, String> env) {
        String heap = env.getOrDefault("MAILTRAIL_ES_HEAP", "512m");
        return "-Xms" + heap + " -Xmx" + heap;
    }

    /** Root can't run Elasticsearch: pick the user it runs as ({@code MAILTRAIL_ES_RUN_AS}, default nobody). */
    static Optional<String> unprivilegedUser(Map<String, String> env) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        return Optional.of(env.getOrDefault("MAILTRAIL_ES_RUN_AS", "nobody"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void chownTree(Path root, String user) throws IOException {
        UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setOwner(owner);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temp folder
        }
    }
}
