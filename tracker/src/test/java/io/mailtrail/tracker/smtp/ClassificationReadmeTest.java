package io.mailtrail.tracker.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker README's rule table names every phrase rule, in the classifier's order, with its category. */
class ClassificationReadmeTest {

    @Test
    void theReadmeListsEveryPhraseRuleInOrder() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("| Signal (phrase rule, in order) |");
        assertThat(from).as("rule table in tracker/README.md").isPositive();
        int at = from;
        for (ReplyPhrases.Rule rule : ReplyPhrases.rules()) {
            int row = readme.indexOf("\n| " + rule.name() + ":", at);
            assertThat(row).as("README row for phrase rule '%s' after the previous one", rule.name()).isPositive();
            String line = readme.substring(row + 1, readme.indexOf('\n', row + 1));
            assertThat(line).as("README row of '%s'", rule.name()).contains("| " + rule.category().value() + " |");
            at = row;
        }
    }
}
