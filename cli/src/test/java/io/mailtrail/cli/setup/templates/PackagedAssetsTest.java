package io.mailtrail.cli.setup.templates;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The installer knows exactly the files of {@code index-templates/}, and the jar carries them. */
class PackagedAssetsTest {

    private static final Path FOLDER = Path.of("..", "index-templates");

    @Test
    void everyFileIsInstalledAndEveryInstalledAssetHasAFile() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            files = walk.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> TemplateAsset.RESOURCE_ROOT + FOLDER.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        List<String> installed = IndexTemplatesStep.assets(Lifecycle.ILM, StorageMode.LOGSDB).stream().map(TemplateAsset::resource).sorted().toList();
        assertThat(installed).isEqualTo(files);
    }

    @Test
    void theLogsdbComponentIsInstalledOnlyInLogsdbModeAndBeforeTheIndexTemplates() {
        assertThat(IndexTemplatesStep.assets(Lifecycle.ILM)).noneMatch(a -> a.name().equals(StorageMode.COMPONENT));
        List<String> names = IndexTemplatesStep.assets(Lifecycle.DATA_STREAM_LIFECYCLE, StorageMode.LOGSDB).stream()
                .map(TemplateAsset::name).toList();
        assertThat(names).containsSubsequence(StorageMode.COMPONENT, "logs-mailtrail.calls");
        assertThat(new TemplateAsset(AssetKind.COMPONENT_TEMPLATE, StorageMode.COMPONENT).parsed()
                .path("template").path("settings").path("index.mode").asText()).isEqualTo("logsdb");
        assertThat(new TemplateAsset(AssetKind.COMPONENT_TEMPLATE, "mailtrail-settings").parsed()
                .path("template").path("settings").path("index.codec").asText())
                .as("the cheapest codec everywhere, as logs@settings has it").isEqualTo("best_compression");
    }

    @Test
    void withoutIlmNoIlmAssetIsInstalled() {
        assertThat(IndexTemplatesStep.assets(Lifecycle.DATA_STREAM_LIFECYCLE))
                .noneMatch(a -> a.kind() == AssetKind.ILM_POLICY)
                .noneMatch(a -> a.json().contains("index.lifecycle.name"))
                .hasSize(6);
    }

    @Test
    void theAlertHistoryHasATemplateOfItsOwnInStandardModeWithTheCatalogMappings() {
        TemplateAsset alerts = new TemplateAsset(AssetKind.INDEX_TEMPLATE, "logs-mailtrail.alerts");
        assertThat(IndexTemplatesStep.assets(Lifecycle.DATA_STREAM_LIFECYCLE, StorageMode.LOGSDB)).contains(alerts);
        var body = alerts.parsed();
        assertThat(textList(body.path("index_patterns"))).containsExactly(io.mailtrail.schema.Dataset.ALERTS.indexPattern());
        assertThat(textList(body.path("composed_of"))).as("standard index mode: a small stream, read back by watch id")
                .doesNotContain(StorageMode.COMPONENT)
                .contains("mailtrail-settings", "mailtrail-alerts-ilm");
        assertThat(body.path("template").path("lifecycle").path("data_retention").asText()).isEqualTo("30d");
        assertThat(IndexTemplatesStep.composesLogsdb(io.mailtrail.schema.Dataset.ALERTS)).isFalse();
        assertThat(IndexTemplatesStep.composesLogsdb(io.mailtrail.schema.Dataset.CALLS)).isTrue();
        assertThat(new TemplateAsset(AssetKind.COMPONENT_TEMPLATE, "mailtrail-alerts-ilm").parsed().path("template")
                .path("settings").path("index.lifecycle.name").asText()).isEqualTo("logs-mailtrail.alerts");
    }

    @Test
    void indexTemplatesComposeTheSharedComponentsAndTolerateTheOptionalOnes() {
        for (TemplateAsset t : IndexTemplatesStep.assets(Lifecycle.ILM, StorageMode.LOGSDB)) {
            if (t.kind() != AssetKind.INDEX_TEMPLATE) {
                continue;
            }
            var body = t.parsed();
            List<String> composed = textList(body.path("composed_of"));
            assertThat(composed).containsSubsequence(IndexTemplatesStep.SHARED_COMPONENTS);
            assertThat(textList(body.path("ignore_missing_component_templates")))
                    .as("components that only some clusters have").containsExactlyInAnyOrderElementsOf(
                            composed.stream().filter(c -> !IndexTemplatesStep.SHARED_COMPONENTS.contains(c)).toList());
            assertThat(body.path("priority").asInt()).as("above the built-in logs template").isGreaterThan(100);
            assertThat(body.path("data_stream").isObject()).isTrue();
            assertThat(body.path("_meta").path("priority_reason").asText()).contains("100");
        }
    }

    private static List<String> textList(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
