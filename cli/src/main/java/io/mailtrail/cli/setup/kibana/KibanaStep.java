package io.mailtrail.cli.setup.kibana;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.ExitCode;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.setup.Change;
import io.mailtrail.cli.setup.SetupContext;
import io.mailtrail.cli.setup.SetupStep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports mailtrail's Kibana saved objects (data views, the live calls search, the dashboards) with
 * {@code POST /api/saved_objects/_import?overwrite=true}. Only with {@code --kibana-url}. Every object has a
 * fixed id, so importing again overwrites it instead of adding a copy.
 */
public final class KibanaStep implements SetupStep {

    @Override
    public String title() {
        return "Kibana saved objects";
    }

    @Override
    public List<Option> options() {
        return KibanaOptions.OPTIONS;
    }

    @Override
    public boolean enabled(Arguments arguments) {
        return KibanaOptions.requested(arguments);
    }

    @Override
    public List<Change> apply(SetupContext context) {
        KibanaOptions options = KibanaOptions.from(context.arguments(), context.console());
        SavedObjectsFile file = SavedObjectsFile.packaged();
        PrintStream out = context.console().out();
        out.println("  into " + options.spaceDescription() + " of Kibana at " + options.url() + " as " + options.principal());
        List<Change> changes = new ArrayList<>();
        if (context.dryRun()) {
            for (SavedObjectsFile.SavedObject o : file.objects()) {
                line(out, o, "would be imported (created, or overwritten where it exists)");
                changes.add(new Change(o.type(), o.title(), Change.Status.CREATED));
            }
            return changes;
        }
        KibanaClient.Answer answer = new KibanaClient(options).importObjects(SavedObjectsFile.FILE_NAME, file.bytes());
        List<ImportAnswer.Outcome> outcomes = ImportAnswer.read(options, file, answer);
        ImportAnswer.warnings(answer).forEach(w -> context.note("Kibana warns: " + w));
        int failed = 0;
        for (ImportAnswer.Outcome outcome : outcomes) {
            line(out, outcome.object(), outcome.describe());
            if (outcome.imported()) {
                changes.add(new Change(outcome.object().type(), outcome.object().title(),
                        outcome.overwritten() ? Change.Status.UPDATED : Change.Status.CREATED));
            } else {
                failed++;
            }
        }
        if (failed > 0) {
            throw new CliException(ExitCode.FAILED, "Kibana did not import " + failed + " of " + outcomes.size()
                    + " saved objects (each is named above with the reason)");
        }
        return changes;
    }

    private static void line(PrintStream out, SavedObjectsFile.SavedObject o, String what) {
        out.printf("  %-20s %-32s %s%n", o.type(), o.title(), what);
    }
}
