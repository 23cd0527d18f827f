package io.mailtrail.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command, subcommand and option the cli accepts is documented in a README table: the command in a row of
 * cli/README.md's command table, each option in the first cell of a table row of its command's section (the
 * report's options in reports/README.md).
 */
class CliReadmeTest {

    @Test
    void everyCommandAndOptionIsARowOfItsTable() throws Exception {
        String cliReadme = Files.readString(Path.of("README.md"));
        String reportReadme = Files.readString(Path.of("../reports/README.md"));
        List<String> commandCells = firstCells(section(cliReadme, "## Commands"));
        List<String> missing = new ArrayList<>();
        for (Command c : Cli.standard().commands()) {
            if (commandCells.stream().noneMatch(cell -> cell.startsWith("`mailtrail " + c.name()))) {
                missing.add(c.name() + " (no row in the Commands table)");
            }
            String doc = c.name().equals("report") ? reportReadme : optionsSection(cliReadme, c.name());
            check(doc, c.name(), c, missing);
            if (c instanceof CommandGroup group) {
                List<String> subcommandCells = firstCells(doc);
                for (Command sub : group.subcommands()) {
                    if (!subcommandCells.contains("`" + sub.name() + "`")) {
                        missing.add(c.name() + " " + sub.name() + " (no row in its table)");
                    }
                    check(doc, c.name() + " " + sub.name(), sub, missing);
                }
            }
        }
        assertThat(missing).as("undocumented in cli/README.md (reports/README.md for report)").isEmpty();
    }

    private static void check(String doc, String command, Command c, List<String> missing) {
        List<String> cells = firstCells(doc);
        for (Option o : c.options()) {
            String name = "--" + o.name();
            if (cells.stream().noneMatch(cell -> cell.contains("`" + name + "`") || cell.contains("`" + name + " "))) {
                missing.add(command + " " + name);
            }
        }
    }

    /** The options of a command: its "### `name` options" section, or the "## name" section of a command group. */
    private static String optionsSection(String readme, String command) {
        String own = section(readme, "### `" + command + "` options");
        if (!own.isEmpty()) {
            return own;
        }
        // top, tail and events share the connection options documented in top's table
        return section(readme, "## " + command) + section(readme, "### `top` options");
    }

    /** The text from the heading line to the next heading of the same or a higher level; empty if there is none. */
    static String section(String readme, String heading) {
        List<String> lines = readme.lines().toList();
        int level = heading.indexOf(' ');
        StringBuilder out = new StringBuilder();
        boolean in = false;
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("#")) {
                int l = line.indexOf(' ');
                if (in && l > 0 && l <= level) {
                    break;
                }
                if (line.equals(heading)) {
                    in = true;
                }
            }
            if (in) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> firstCells(String doc) {
        return doc.lines().filter(l -> l.startsWith("| ")).map(l -> l.substring(2, Math.max(2, l.indexOf(" |", 2))).trim()).toList();
    }
}
