package io.mailtrail.cli.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

/** Turns what the cluster or the network answered into a message that says what to do. */
final class Failures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Failures() {
    }

    /**
     * @param action    what was being done, e.g. {@code install component template 'x'}
     * @param privilege the cluster privilege the action needs, named in a 403 message
     */
    static CliException translate(ConnectionOptions options, String action, String privilege, Exception e) {
        if (e instanceof CliException cli) {
            return cli;
        }
        if (e instanceof ResponseException re) {
            int status = re.getResponse().getStatusLine().getStatusCode();
            return fromStatus(options, action, privilege, status, reason(re));
        }
        if (e instanceof ElasticsearchException ee) {
            String reason = ee.error().type() + ": " + ee.error().reason();
            return fromStatus(options, action, privilege, ee.status(), reason);
        }
        if (e instanceof TransportException te && te.statusCode() > 0) {
            return fromStatus(options, action, privilege, te.statusCode(), te.getMessage());
        }
        Throwable cause = rootOf(e);
        if (cause instanceof ConnectException) {
            return new CliException(ExitCode.UNREACHABLE, "cannot connect to Elasticsearch at " + options.url()
                    + " (" + cause.getMessage() + "): is it running there? Check --es-url.", e);
        }
        if (cause instanceof UnknownHostException) {
            return new CliException(ExitCode.UNREACHABLE, "unknown host in --es-url " + options.url() + ": " + cause.getMessage(), e);
        }
        if (cause instanceof SSLException) {
            return new CliException(ExitCode.UNREACHABLE, "TLS with " + options.url() + " failed (" + cause.getMessage()
                    + "): if the cluster's certificate is signed by its own CA, pass that CA's PEM file with --es-ca;"
                    + " check that the URL scheme (http/https) is what the cluster serves.", e);
        }
        if (e instanceof IOException) {
            return new CliException(ExitCode.UNREACHABLE, "talking to Elasticsearch at " + options.url() + " failed while trying to "
                    + action + ": " + cause, e);
        }
        return new CliException(ExitCode.FAILED, "could not " + action + ": " + e.getMessage(), e);
    }

    static CliException fromStatus(ConnectionOptions options, String action, String privilege, int status, String reason) {
        if (status == 401) {
            return new CliException(ExitCode.NOT_AUTHORIZED, options.username().isPresent()
                    ? "Elasticsearch at " + options.url() + " refused the credentials of " + options.userDescription()
                            + " (HTTP 401): check --es-user and --es-password (or " + ConnectionOptions.PASSWORD_ENV + ")."
                    : "Elasticsearch at " + options.url() + " requires authentication (HTTP 401): pass --es-user and --es-password (or "
                            + ConnectionOptions.PASSWORD_ENV + ").");
        }
        if (status == 403) {
            return new CliException(ExitCode.NOT_AUTHORIZED, options.userDescription() + " may not " + action
                    + " (HTTP 403): grant it the cluster privilege '" + privilege + "', or run setup as a user who has it."
                    + " Elasticsearch said: " + reason);
        }
        return new CliException(ExitCode.FAILED, "could not " + action + ": Elasticsearch answered HTTP " + status + ": " + reason);
    }

    /** The {@code type: reason} of an Elasticsearch error body, or the raw body. */
    static String reason(ResponseException e) {
        try {
            String body = EntityUtils.toString(e.getResponse().getEntity());
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject()) {
                return error.path("type").asText() + ": " + error.path("reason").asText();
            }
            return body;
        } catch (IOException | RuntimeException ignored) {
            return e.getResponse().getStatusLine().toString();
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SSLException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }
}
