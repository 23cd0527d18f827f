package io.mailtrail.cli.setup.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.cli.setup.Change;
import io.mailtrail.cli.setup.SetupContext;
import io.mailtrail.cli.setup.SetupStep;
import io.mailtrail.schema.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs {@code index-templates/}: ILM policies (where the cluster has ILM), component templates (the logsdb
 * one where the cluster accepts it, see {@link StorageMode}), then the index templates that compose them, in that
 * order so that every reference resolves. Then checks that no other template of higher priority takes the
 * namespace's data streams away from them.
 */
public final class IndexTemplatesStep implements SetupStep {

    /** Shared by both data streams, in {@code composed_of} order. */
    static final List<String> SHARED_COMPONENTS = List.of("mailtrail-settings", "mailtrail-ecs-mappings", "mailtrail-mappings");

    @Override
    public String title() {
        return "index templates";
    }

    @Override
    public List<Change> apply(SetupContext context) {
        Lifecycle lifecycle = Lifecycle.detect(context.cluster());
        describe(lifecycle, context);
        StorageMode.Choice storage = StorageMode.detect(context.cluster(), context.cluster().version());
        context.note("storage: " + (storage.mode() == StorageMode.LOGSDB
                ? "logsdb index mode and best_compression codec (" + storage.reason() + ")"
                : "best_compression codec, standard index mode (" + storage.reason() + ")"));
        if (storage.mode() == StorageMode.LOGSDB) {
            for (Dataset d : Dataset.values()) {
                if (!composesLogsdb(d)) {
                    context.note("storage of " + d.dataStream(context.namespace()) + ": best_compression codec, standard index mode"
                            + " (its index template does not compose " + StorageMode.COMPONENT + ")");
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        boolean templatesChanged = false;
        for (TemplateAsset asset : assets(lifecycle, storage.mode())) {
            Change change = context.report(bringInLine(asset, context));
            changes.add(change);
            templatesChanged |= change.status() == Change.Status.UPDATED && asset.kind() != AssetKind.ILM_POLICY;
        }
        if (templatesChanged) {
            context.note("existing data streams pick up changed mappings and settings at their next rollover");
        }
        boolean allInstalled = changes.stream().allMatch(c -> c.status() == Change.Status.UNCHANGED);
        if (!context.dryRun() || allInstalled) {
            WinningTemplateCheck.verify(context);
            if (storage.mode() == StorageMode.LOGSDB) {
                SourceMode.describe(context);
            }
        }
        return changes;
    }

    /** Every asset installed on a cluster with this lifecycle, in install order, in the standard index mode. */
    static List<TemplateAsset> assets(Lifecycle lifecycle) {
        return assets(lifecycle, StorageMode.BEST_COMPRESSION);
    }

    /** Every asset installed on a cluster with this lifecycle and storage mode, in install order. */
    static List<TemplateAsset> assets(Lifecycle lifecycle, StorageMode storage) {
        List<TemplateAsset> assets = new ArrayList<>();
        if (lifecycle == Lifecycle.ILM) {
            for (Dataset d : Dataset.values()) {
                assets.add(new TemplateAsset(AssetKind.ILM_POLICY, indexTemplateName(d)));
            }
        }
        SHARED_COMPONENTS.forEach(name -> assets.add(new TemplateAsset(AssetKind.COMPONENT_TEMPLATE, name)));
        if (storage == StorageMode.LOGSDB) {
            assets.add(new TemplateAsset(AssetKind.COMPONENT_TEMPLATE, StorageMode.COMPONENT));
        }
        if (lifecycle == Lifecycle.ILM) {
            for (Dataset d : Dataset.values()) {
                assets.add(new TemplateAsset(AssetKind.COMPONENT_TEMPLATE, ilmComponentName(d)));
            }
        }
        for (Dataset d : Dataset.values()) {
            assets.add(new TemplateAsset(AssetKind.INDEX_TEMPLATE, indexTemplateName(d)));
        }
        return assets;
    }

    /** Whether the dataset's index template composes the logsdb component (the alert history's does not: it is small). */
    static boolean composesLogsdb(Dataset dataset) {
        for (JsonNode c : new TemplateAsset(AssetKind.INDEX_TEMPLATE, indexTemplateName(dataset)).parsed().path("composed_of")) {
            if (c.asText().equals(StorageMode.COMPONENT)) {
                return true;
            }
        }
        return false;
    }

    /** {@code logs-mailtrail.calls}: the index template, and on ILM clusters the policy, of a dataset. */
    static String indexTemplateName(Dataset dataset) {
        return Dataset.TYPE + "-" + dataset.datasetName();
    }

    /** {@code mailtrail-calls-ilm}: the component template that attaches the ILM policy. */
    static String ilmComponentName(Dataset dataset) {
        return "mailtrail-" + dataset.name().toLowerCase() + "-ilm";
    }

    private static Change bringInLine(TemplateAsset asset, SetupContext context) {
        Optional<JsonNode> installed = asset.installed(context.cluster());
        Change.Status status = installed.isEmpty() ? Change.Status.CREATED
                : JsonMatch.matches(asset.parsed(), installed.get()) ? Change.Status.UNCHANGED
                : Change.Status.UPDATED;
        if (status != Change.Status.UNCHANGED && !context.dryRun()) {
            asset.kind().install(context.cluster(), asset.name(), asset.json());
        }
        return new Change(asset.kind().label(), asset.name(), status);
    }

    private static void describe(Lifecycle lifecycle, SetupContext context) {
        for (Dataset d : Dataset.values()) {
            TemplateAsset template = new TemplateAsset(AssetKind.INDEX_TEMPLATE, indexTemplateName(d));
            String retention = template.parsed().path("template").path("lifecycle").path("data_retention").asText("?");
            String how = lifecycle == Lifecycle.ILM
                    ? "ILM policy " + indexTemplateName(d) + " (the cluster has ILM)"
                    : "data stream lifecycle, retention " + retention + " (the cluster has no ILM)";
            context.note("lifecycle of " + d.dataStream(context.namespace()) + ": " + how);
        }
    }
}
