package io.mailtrail.cli.alerts;

import io.mailtrail.alerts.conformance.ConformanceRunner;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Command;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code alerts conformance} (a developer command): reads conformance cases as JSON lines on stdin and
 * writes one result line per case, through the engine's own code (watcher-cases/runner-contract.md).
 */
final class ConformanceCommand implements Command {

    private final InputStream in;

    ConformanceCommand() {
        this(System.in);
    }

    ConformanceCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String summary() {
        return "developer command: read Watcher conformance cases (JSON lines) on stdin, answer one result line each on stdout";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public ExitCode run(Arguments arguments, Console console) {
        ConformanceRunner runner = new ConformanceRunner(Clock.systemUTC());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                console.out().println(runner.answer(line));
                console.out().flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCode.OK;
    }
}
