package io.mailtrail.cli.setup.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.Option;
import io.mailtrail.cli.setup.SetupCommand;
import io.mailtrail.cli.setup.SetupContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kibana-dashboards/README.md}: its snippets work as written, and it documents every panel and option. */
class KibanaReadmeTest {

    private static final Path ROOT = Path.of("..");
    private static final Path README = ROOT.resolve("kibana-dashboards/README.md");

    private static List<String> shellBlocks() throws IOException {
        Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyPanelAndEveryOptionIsDocumented() throws IOException {
        String readme = Files.readString(README);
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readString(ROOT.resolve("kibana-dashboards/mailtrail.ndjson")).split("\n")) {
            JsonNode o = json.readTree(line);
            assertThat(readme).contains(o.path("attributes").path("title").asText()).contains("`" + o.path("id").asText() + "`");
            if (o.path("type").asText().equals("dashboard")) {
                for (JsonNode p : json.readTree(o.path("attributes").path("panelsJSON").asText())) {
                    assertThat(readme).contains("| " + p.path("title").asText() + " |");
                }
            }
        }
        for (Option option : KibanaOptions.OPTIONS) {
            assertThat(readme).contains("| `" + option.synopsis() + "` |");
        }
    }

    @Test
    void theSetupSnippetImportsTheBundle() throws IOException {
        String block = shellBlocks().stream().filter(b -> b.contains("mailtrail setup")).findFirst().orElseThrow();
        String command = Arrays.stream(block.split("\n")).filter(l -> l.startsWith("mailtrail setup")).findFirst().orElseThrow();
        try (FakeKibana kibana = new FakeKibana("")) {
            String header = "Basic " + java.util.Base64.getEncoder().encodeToString("mailtrail_setup:pw".getBytes(StandardCharsets.UTF_8));
            kibana.requireAuthorization(header, "mailtrail_setup");
            List<String> args = new ArrayList<>(Arrays.asList(command.replace("https://kibana.internal:5601", kibana.url().toString())
                    .trim().split("\\s+")));
            args.subList(0, 2).clear(); // "mailtrail setup"
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of("MAILTRAIL_ES_PASSWORD", "pw"));
            Arguments arguments = Arguments.parse("setup", args, new SetupCommand().options());
            new KibanaStep().apply(new SetupContext(null, "default", false, console, arguments));
            assertThat(kibana.objects("default")).hasSize(SavedObjectsFile.packaged().objects().size());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("as user 'mailtrail_setup'").contains("Email calls — overview           created");
        }
    }

    @Test
    void theCurlSnippetImportsTheBundle() throws Exception {
        String block = shellBlocks().stream().filter(b -> b.contains("curl")).findFirst().orElseThrow();
        try (FakeKibana kibana = new FakeKibana("")) {
            String header = "Basic " + java.util.Base64.getEncoder().encodeToString("mailtrail_setup:pw".getBytes(StandardCharsets.UTF_8));
            kibana.requireAuthorization(header, "mailtrail_setup");
            String script = block.replace("https://kibana.internal:5601", kibana.url().toString());
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "curl -sS --fail-with-body " + script.substring(script.indexOf("curl") + 4))
                    .directory(ROOT.toFile()).redirectErrorStream(true);
            pb.environment().put("MAILTRAIL_KIBANA_PASSWORD", "pw");
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
            assertThat(new ObjectMapper().readTree(output).path("success").asBoolean()).as(output).isTrue();
            assertThat(kibana.objects("default")).hasSize(SavedObjectsFile.packaged().objects().size());
        }
    }
}
