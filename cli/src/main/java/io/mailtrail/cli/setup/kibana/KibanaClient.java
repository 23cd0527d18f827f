package io.mailtrail.cli.setup.kibana;

import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.elasticsearch.PemTrust;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Posts an NDJSON file to Kibana's saved objects import API the way Kibana expects it: {@code multipart/form-data}
 * with the file in the form field {@code file} and a {@code .ndjson} file name, and the {@code kbn-xsrf} header
 * (Kibana's import route: {@code elastic/kibana packages/core/saved-objects/core-saved-objects-server-internal/src/routes/import.ts}).
 */
final class KibanaClient {

    /** Answer of Kibana: status and body. */
    record Answer(int status, String body) {
    }

    private final KibanaOptions options;
    private final HttpClient http;

    KibanaClient(KibanaOptions options) {
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
        options.ca().ifPresent(ca -> builder.sslContext(PemTrust.trusting(ca, "--kibana-ca")));
        this.http = builder.build();
    }

    /** {@code POST <kibana>[/s/<space>]/api/saved_objects/_import?overwrite=true} with {@code file} as {@code fileName}. */
    Answer importObjects(String fileName, byte[] ndjson) {
        String boundary = "mailtrail-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(ndjson);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(options.importUri())
                .timeout(Duration.ofSeconds(120))
                .header("kbn-xsrf", "mailtrail-setup")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        options.authorization().ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while importing into Kibana at " + options.url());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private CliException unreachable(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SSLException) && !(cause instanceof ConnectException)
                && !(cause instanceof UnknownHostException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SSLException || e instanceof SSLException) {
            return new CliException(ExitCode.UNREACHABLE, "TLS with Kibana at " + options.url() + " failed (" + cause.getMessage()
                    + "): if Kibana's certificate is signed by your own CA, pass that CA's PEM file with --kibana-ca;"
                    + " check that the URL scheme (http/https) is what Kibana serves.", e);
        }
        if (cause instanceof UnknownHostException) {
            return new CliException(ExitCode.UNREACHABLE, "unknown host in --kibana-url " + options.url() + ": " + cause.getMessage(), e);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new CliException(ExitCode.UNREACHABLE, "no answer from Kibana at " + options.url() + " within 10 s (connect or TLS"
                    + " handshake): is it running there, and does it serve the URL's scheme (http/https)?", e);
        }
        if (cause instanceof ConnectException) {
            return new CliException(ExitCode.UNREACHABLE, "cannot connect to Kibana at " + options.url()
                    + ": is it running there? Check --kibana-url.", e);
        }
        return new CliException(ExitCode.UNREACHABLE, "talking to Kibana at " + options.url() + " failed: " + e, e);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

}
