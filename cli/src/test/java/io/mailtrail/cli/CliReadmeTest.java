package io.mailtrail.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command, subcommand and option the cli accepts is documented: in cli/README.md, the report's options in reports/README.md. */
class CliReadmeTest {

    @Test
    void everyCommandAndOptionIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md")) + Files.readString(Path.of("../reports/README.md"));
        List<String> missing = new ArrayList<>();
        for (Command c : Cli.standard().commands()) {
            check(readme, c.name(), c, missing);
            if (c instanceof CommandGroup group) {
                group.subcommands().forEach(sub -> check(readme, c.name() + " " + sub.name(), sub, missing));
            }
        }
        assertThat(missing).as("undocumented in cli/README.md (reports/README.md for report)").isEmpty();
    }

    private static void check(String readme, String command, Command c, List<String> missing) {
        if (!readme.contains("`" + c.name()) && !readme.contains("mailtrail " + command)) {
            missing.add(command);
        }
        for (Option o : c.options()) {
            if (!readme.contains("`--" + o.name())) {
                missing.add(command + " --" + o.name());
            }
        }
    }
}
