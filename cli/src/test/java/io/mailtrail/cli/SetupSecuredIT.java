package io.mailtrail.cli;

import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.testing.ElasticsearchExtension;
import io.mailtrail.testing.ElasticsearchNode;
import io.mailtrail.testing.Secured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mailtrail setup} against the node with TLS and users: who may install, and what the others are told. */
@ExtendWith(ElasticsearchExtension.class)
class SetupSecuredIT {

    @Test
    void theSuperuserInstallsOverTlsWithThePasswordFromTheEnvironmentAndTheSecondRunChangesNothing(@Secured ElasticsearchNode es) {
        Map<String, String> env = Map.of(ConnectionOptions.PASSWORD_ENV, es.password().orElseThrow());
        String[] args = {"setup", "--es-url", es.url().toString(), "--es-user", es.username().orElseThrow(),
                "--es-ca", es.caCertificate().orElseThrow().toString()};
        Run first = Run.of(env, args);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
        assertThat(first.out()).contains("as " + es.username().orElseThrow());
        Run second = Run.of(env, args);
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
        assertThat(second.out()).contains("0 created, 0 updated, 7 unchanged");
        assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(es.password().orElseThrow());
    }

    @Test
    void theWriterMayNotInstallAndIsToldWhichPrivilegeIsMissing(@Secured ElasticsearchNode es) {
        String writer = es.writerUsername().orElseThrow();
        Run run = Run.of(Map.of(ConnectionOptions.PASSWORD_ENV, es.writerPassword().orElseThrow()),
                "setup", "--es-url", es.url().toString(), "--es-user", writer, "--es-ca", es.caCertificate().orElseThrow().toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_AUTHORIZED);
        assertThat(run.err())
                .contains("user '" + writer + "' may not")
                .contains("(HTTP 403)")
                .contains("manage_index_templates")
                .doesNotContain(es.writerPassword().orElseThrow())
                .doesNotContain("\tat ");
    }

    @Test
    void aWrongPasswordIsReportedAsSuchNamingTheUser(@Secured ElasticsearchNode es) {
        Run run = Run.of("setup", "--es-url", es.url().toString(), "--es-user", es.username().orElseThrow(),
                "--es-password", "not-the-password", "--es-ca", es.caCertificate().orElseThrow().toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NOT_AUTHORIZED);
        assertThat(run.err()).contains("refused the credentials of user '" + es.username().orElseThrow() + "' (HTTP 401)")
                .doesNotContain("not-the-password");
    }

    @Test
    void withoutTheClusterCaTheTlsFailureSaysToPassIt(@Secured ElasticsearchNode es) {
        Run run = Run.of(Map.of(ConnectionOptions.PASSWORD_ENV, es.password().orElseThrow()),
                "setup", "--es-url", es.url().toString(), "--es-user", es.username().orElseThrow());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).contains("TLS with " + es.url()).contains("--es-ca");
    }
}
