package io.mailtrail.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run run = Run.of("help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("setup ").contains("help ").contains("2 usage error");
    }

    @Test
    void helpOfACommandListsItsOptions() {
        Run run = Run.of("help", "setup");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("--es-url URL", "--es-user USER", "--es-password PASSWORD", "--es-ca FILE",
                "--namespace NAME", "--dry-run", "MAILTRAIL_ES_PASSWORD");
    }

    @Test
    void helpOfASubcommandAndDashDashHelpShowTheOptions() {
        for (Run run : java.util.List.of(Run.of("help", "alerts", "run"), Run.of("alerts", "run", "--help"), Run.of("alerts", "run", "--es-url", "x", "-h"))) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("usage: mailtrail alerts run [options]", "--report-schedule JSON", "--smtp-host HOST");
        }
        Run group = Run.of("help", "alerts");
        assertThat(group.out()).contains("usage: mailtrail alerts <subcommand>", "check", "backtest", "run", "conformance",
                "mailtrail help alerts <subcommand>");
        assertThat(Run.of("setup", "--help").out()).contains("--es-url URL");
        assertThat(Run.of("help", "alerts", "nope").err()).contains("unknown subcommand 'nope' of 'alerts'; subcommands: check, backtest, run, conformance");
        assertThat(Run.of("help", "setup", "x").err()).contains("'setup' has no subcommands");
    }

    @Test
    void noArgumentsPrintsHelpAndIsAUsageError() {
        Run run = Run.of();
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).contains("usage: mailtrail <command>");
    }

    @Test
    void anUnknownCommandIsNamed() {
        Run run = Run.of("stup");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("unknown command 'stup'").contains("setup");
    }

    @Test
    void badOptionsAreNamedWithTheirValue() {
        assertThat(Run.of("setup", "--es-url", "ftp://x").err()).contains("--es-url ftp://x");
        assertThat(Run.of("setup", "--namespace", "Bad-Name").err()).contains("--namespace").contains("'Bad-Name'");
        assertThat(Run.of("setup", "--es-user", "bob").err()).contains("--es-user bob needs a password");
        assertThat(Run.of("setup", "--es-ca", "/no/such/ca.pem").err()).contains("--es-ca /no/such/ca.pem");
        assertThat(Run.of("setup", "--es-url").err()).contains("--es-url needs a value");
        assertThat(Run.of("setup", "--dry-run=yes").err()).contains("--dry-run takes no value");
        assertThat(Run.of("setup", "extra").err()).contains("'extra' is no option of 'setup'");
        assertThat(Run.of("setup", "--es-url", "ftp://x").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aPasswordWithoutUserIsAMistake() {
        Run run = Run.of(Map.of("MAILTRAIL_ES_PASSWORD", "s3cret"), "setup");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("no --es-user").doesNotContain("s3cret");
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run run = Run.of("setup", "--es-url", "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).contains("cannot connect to Elasticsearch at http://127.0.0.1:" + port);
    }
}
