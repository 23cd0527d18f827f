package io.mailtrail.logback.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.logback.bulk.BulkItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static BulkItem item(int n) {
        byte[] doc = ("{\"message\":\"event " + n + "\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        return BulkItem.create("logs-app-default", "id-" + n, doc, doc.length);
    }

    @Test
    void eachRejectedItemIsOneJsonLineWithItsErrorAndDocument() throws Exception {
        DeadLetterFile file = new DeadLetterFile(dir.resolve("sub/dead.ndjson"), 1_000_000);

        assertThat(file.append(item(1), 400, "{\"type\":\"document_parsing_exception\"}")).isFalse();
        assertThat(file.append(item(2), 400, "not json")).isFalse();

        List<String> lines = Files.readAllLines(file.file());
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("status").asInt()).isEqualTo(400);
        assertThat(first.get("error").get("type").asText()).isEqualTo("document_parsing_exception");
        assertThat(first.get("document").get("n").asInt()).isEqualTo(1);
        assertThat(first.get("action").get("create").get("_id").asText()).isEqualTo("id-1");
        assertThat(JSON.readTree(lines.get(1)).get("error").asText()).isEqualTo("not json");
    }

    @Test
    void aFullFileIsRenamedToDotOneReplacingTheOlderOneSoTheDiskUseIsBounded() throws Exception {
        long max = 1_000;
        DeadLetterFile file = new DeadLetterFile(dir.resolve("dead.ndjson"), max);
        List<Integer> rolledAt = new ArrayList<>();

        for (int n = 1; n <= 40; n++) {
            if (file.append(item(n), 400, "{\"type\":\"mapper_parsing_exception\"}")) {
                rolledAt.add(n);
            }
            assertThat(Files.size(file.file())).isLessThanOrEqualTo(max);
        }

        assertThat(rolledAt).hasSizeGreaterThan(1);
        assertThat(file.previousFile()).isEqualTo(dir.resolve("dead.ndjson.1"));
        assertThat(Files.size(file.previousFile())).isLessThanOrEqualTo(max);
        // nothing lost between the two files since the last roll: .1 ends where the current file begins
        List<String> previous = Files.readAllLines(file.previousFile());
        List<String> current = Files.readAllLines(file.file());
        int lastOfPrevious = JSON.readTree(previous.get(previous.size() - 1)).get("document").get("n").asInt();
        int firstOfCurrent = JSON.readTree(current.get(0)).get("document").get("n").asInt();
        assertThat(firstOfCurrent).isEqualTo(lastOfPrevious + 1).isEqualTo(rolledAt.get(rolledAt.size() - 1));
        assertThat(JSON.readTree(current.get(current.size() - 1)).get("document").get("n").asInt()).isEqualTo(40);
    }

    @Test
    void aLineLargerThanTheBoundStillGetsWrittenAlone() throws Exception {
        DeadLetterFile file = new DeadLetterFile(dir.resolve("dead.ndjson"), 10);

        assertThat(file.append(item(1), 400, "{}")).isFalse();
        assertThat(file.append(item(2), 400, "{}")).isTrue();

        assertThat(Files.readAllLines(file.file())).hasSize(1);
        assertThat(Files.readAllLines(file.previousFile())).hasSize(1);
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new DeadLetterFile(dir.resolve("x"), 0)).hasMessageContaining("maxBytes").hasMessageContaining("0");
    }
}
