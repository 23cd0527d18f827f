package io.mailtrail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Prepares a node folder for the secured flavour with the distribution's own tools: a CA and an HTTP
 * certificate (certutil), a superuser and a least-privilege writer in the file realm (users), and a
 * service-account bearer token (service-tokens). Passwords are random per node.
 */
record SecuredSetup(Path caCertificate, String adminPassword, String writerPassword, String bearerToken) {

    private static final Pattern TOKEN = Pattern.compile("SERVICE_TOKEN \\S+ = (\\S+)");

    static SecuredSetup create(Path home, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        Path certs = config.resolve("certs");
        Files.createDirectories(certs);
        run(home, env, "elasticsearch-certutil", "ca", "--silent", "--pem", "--out", dir.resolve("ca.zip").toString());
        unzip(dir.resolve("ca.zip"), certs);
        run(home, env, "elasticsearch-certutil", "cert", "--silent", "--pem",
                "--ca-cert", certs.resolve("ca/ca.crt").toString(), "--ca-key", certs.resolve("ca/ca.key").toString(),
                "--dns", "localhost", "--ip", "127.0.0.1", "--out", dir.resolve("node.zip").toString());
        unzip(dir.resolve("node.zip"), certs);

        Files.writeString(config.resolve("roles.yml"), "\n" + SecuredNodeFiles.WRITER_ROLE_YAML, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        String admin = Secrets.random();
        String writer = Secrets.random();
        run(home, env, "elasticsearch-users", "useradd", SecuredNodeFiles.ADMIN_USER, "-p", admin, "-r", "superuser");
        run(home, env, "elasticsearch-users", "useradd", SecuredNodeFiles.WRITER_USER, "-p", writer, "-r", SecuredNodeFiles.WRITER_ROLE);
        String out = run(home, env, "elasticsearch-service-tokens", "create", "elastic/fleet-server", "mailtrail-test");
        Matcher m = TOKEN.matcher(out);
        if (!m.find()) {
            throw new IOException("elasticsearch-service-tokens printed no token");
        }
        return new SecuredSetup(certs.resolve("ca/ca.crt"), admin, writer, m.group(1));
    }

    String settings() {
        return "xpack.security.enabled: true\n"
                + "xpack.security.http.ssl.enabled: true\n"
                + "xpack.security.http.ssl.key: certs/instance/instance.key\n"
                + "xpack.security.http.ssl.certificate: certs/instance/instance.crt\n"
                + "xpack.security.http.ssl.certificate_authorities: [ \"certs/ca/ca.crt\" ]\n";
    }

    /** Runs one of the distribution's tools; their output never contains our passwords (they are arguments). */
    private static String run(Path home, Map<String, String> env, String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin").resolve(tool).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(tool + " " + args[0] + " failed: " + out);
        }
        return out;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy((InputStream) in, target);
                }
            }
        }
    }
}
