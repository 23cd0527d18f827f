package io.mailtrail.alerts.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.schema.Fields;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped watches: they parse, name only catalog fields, use no scripts, and anchor windows on the trigger. */
class WatchFilesTest {

    static final Path RULES = Path.of("../watcher-rules");
    static final List<String> IDS = List.of("mailtrail-success-rate", "mailtrail-non-retryable-failures", "mailtrail-latency-p95",
            "mailtrail-silence", "mailtrail-bounce-rate", "mailtrail-complaint-rate", "mailtrail-rate-limited",
            "mailtrail-error-budget-burn", "mailtrail-daily-report", "mailtrail-weekly-report");

    @Test
    void everyWatchParsesWithWatchersRules() {
        WatchLoader.Loaded loaded = WatchLoader.load(RULES);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.watches()).extracting(Watch::id).containsExactlyInAnyOrderElementsOf(IDS);
        for (Watch w : loaded.watches()) {
            assertThat(w.inputType()).as(w.id()).isEqualTo("search");
            assertThat(w.condition().type()).as(w.id()).isIn("compare", "array_compare");
            assertThat(w.actions()).as(w.id()).isNotEmpty().allSatisfy(a -> assertThat(a.type()).isEqualTo("email"));
            assertThat(w.metadata()).as(w.id()).containsKeys("recipients", "kibana_url", "window");
            assertThat(w.throttlePeriodMillis() != null || w.id().endsWith("report")).as(w.id() + " throttles").isTrue();
        }
    }

    @Test
    void noScriptsAndNoNow() throws Exception {
        for (String id : IDS) {
            String text = Files.readString(RULES.resolve(id + ".json"));
            assertThat(text).as(id).doesNotContain("\"script\"").doesNotContain("painless").doesNotContain("now-").doesNotContain("\"now\"");
            assertThat(text).as(id).contains("{{ctx.trigger.scheduled_time}}||-{{ctx.metadata.window}}");
        }
    }

    @Test
    void everyFieldIsInTheCatalog() throws Exception {
        Set<String> named = new TreeSet<>();
        for (String id : IDS) {
            collect(Json.MAPPER.readTree(Files.readString(RULES.resolve(id + ".json"))).path("input"), named);
        }
        assertThat(named).contains("mailtrail.success_count", "event.duration", "mailtrail.delivery.bounce_count");
        List<String> unknown = new ArrayList<>();
        for (String f : named) {
            if (Fields.byName(f).isEmpty()) {
                unknown.add(f);
            }
        }
        assertThat(unknown).as("fields the catalog lacks").isEmpty();
    }

    /** Field names: values of "field", and the keys of term/terms/range/exists/match queries. */
    private static void collect(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("field") && e.getValue().isTextual()) {
                    out.add(e.getValue().textValue());
                } else if (Set.of("term", "terms", "range", "match", "match_phrase").contains(e.getKey()) && e.getValue().isObject()
                        && !e.getValue().has("field")) {
                    e.getValue().fieldNames().forEachRemaining(out::add);
                }
                collect(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    @Test
    void aMalformedWatchIsOneErrorNamingFileAndPathWhileOthersLoad(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.copy(RULES.resolve("mailtrail-success-rate.json"), dir.resolve("mailtrail-success-rate.json"));
        Files.writeString(dir.resolve("broken.json"), Files.readString(RULES.resolve("mailtrail-silence.json"))
                .replace("\"priority\": \"high\"", "\"priority\": \"high\", \"colour\": \"red\""));
        Files.writeString(dir.resolve("not-json.json"), "{\"trigger\": ");
        WatchLoader.Loaded loaded = WatchLoader.load(dir);
        assertThat(loaded.watches()).extracting(Watch::id).containsExactly("mailtrail-success-rate");
        assertThat(loaded.problems()).hasSize(2);
        WatchLoader.Problem broken = loaded.problems().get(0);
        assertThat(broken.line()).contains("broken.json").contains("$.actions.email_oncall.email")
                .contains("unexpected string field [colour]").doesNotContain("\n");
        assertThat(loaded.problems().get(1).line()).contains("not-json.json").contains("invalid JSON at line 1");
    }

    @Test
    void unknownKeysAtKnownLevelsFail() throws Exception {
        String base = Files.readString(RULES.resolve("mailtrail-success-rate.json"));
        Map<String, String[]> mutations = Map.of(
                "top level", new String[] {"\"metadata\": {", "\"colour\": 1, \"metadata\": {", "$.colour"},
                "trigger", new String[] {"\"trigger\": {", "\"trigger\": {\"when\": {}, ", "$.trigger"},
                "search input", new String[] {"\"search\": {", "\"search\": {\"cache\": {}, ", "$.input.search.cache"},
                "search request", new String[] {"\"request\": {", "\"request\": {\"size\": 0, ", "$.input.search.request.size"},
                "array_compare", new String[] {"\"quantifier\": \"some\"", "\"quantifier\": \"some\", \"x\": 1", "$.condition"},
                "action", new String[] {"\"email_oncall\": {", "\"email_oncall\": {\"retries\": 3, ", "$.actions.email_oncall.retries"},
                "email body", new String[] {"\"text\": \"Rule:", "\"markdown\": \"x\", \"text\": \"Rule:", "$.actions.email_oncall.email"});
        for (Map.Entry<String, String[]> m : mutations.entrySet()) {
            String json = base.replaceFirst(Pattern.quote(m.getValue()[0]), Matcher.quoteReplacement(m.getValue()[1]));
            assertThat(json).as(m.getKey()).isNotEqualTo(base);
            assertThatThrownBy(() -> WatchLoader.parse("w", json)).as(m.getKey())
                    .isInstanceOfSatisfying(io.mailtrail.alerts.support.WatchException.class,
                            e -> assertThat(e.jsonPath()).as(m.getKey()).isEqualTo(m.getValue()[2]));
        }
    }
}
