package io.mailtrail.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code mailtrail demo} without {@code --es-url}: it starts the tests' node itself (from the zip Maven
 * resolved), runs, and at its end no process it started is left: the node answers no more, and this JVM has no
 * child process it did not have before.
 */
class DemoOwnNodeIT {

    @Test
    void theDemoStartsItsNodeAndLeavesNoProcessBehind() throws Exception {
        Set<Long> before = descendants();
        Run demo = Run.of(System.getenv(), "demo", "--duration", "8s", "--rate", "10", "--refresh", "4s", "--plain");
        assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(ExitCode.OK);
        Matcher url = Pattern.compile("Elasticsearch: (http://127\\.0\\.0\\.1:\\d+) \\(stops when the demo ends\\)").matcher(demo.out());
        assertThat(url.find()).as(demo.toString()).isTrue();
        assertThat(demo.out()).contains("summary, read from Elasticsearch").contains("the node stops now");

        Set<Long> after = descendants();
        // a node under load may take a while to exit after its SIGTERM (the launcher waits up to 30 s, then kills)
        for (int i = 0; i < 600 && after.stream().anyMatch(pid -> !before.contains(pid) && !underAny(pid, before)); i++) {
            Thread.sleep(100);
            after = descendants();
        }
        Set<Long> left = new java.util.TreeSet<>(after);
        left.removeAll(before);
        // A process under one that was there before the demo is not the demo's: the watchdog shell of this JVM's
        // shared test node runs `sleep 1` children, a new pid every second.
        left.removeIf(pid -> underAny(pid, before));
        assertThat(left).as("child processes left by the demo: %s", left.stream().map(pid -> pid + " " + ProcessHandle.of(pid)
                .flatMap(h -> h.info().commandLine()).orElse("?")).toList()).isEmpty();
        Throwable refused = catchThrowable(() -> {
            HttpURLConnection c = (HttpURLConnection) URI.create(url.group(1) + "/_cluster/health").toURL().openConnection();
            c.setConnectTimeout(2000);
            c.getResponseCode();
        });
        assertThat(refused).as("the demo's node is stopped").isInstanceOf(IOException.class);
        DemoIT.assertNoDemoThreadLeft();
    }

    private static boolean underAny(long pid, Set<Long> ancestors) {
        java.util.Optional<ProcessHandle> p = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        while (p.isPresent() && p.get().pid() != ProcessHandle.current().pid()) {
            if (ancestors.contains(p.get().pid())) {
                return true;
            }
            p = p.get().parent();
        }
        return false;
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
