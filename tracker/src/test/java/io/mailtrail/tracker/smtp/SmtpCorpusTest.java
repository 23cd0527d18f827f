package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier against real mail servers' failure replies: the Sisimai-derived corpus in
 * {@code shared/reference/smtp-failures/corpus.tsv} beside the repository (its README defines the columns and
 * the scoring). Every scorable row (a reply code, not ambiguous) goes through {@link SmtpReplyClassifier} with
 * the row's reply line and stage (an unknown stage stays unknown). A row is right when the category, or the
 * broader category it refines ({@link ErrorCategory#coarse()}), is the expected one or one of the acceptable
 * alternatives. The build fails below 90 % overall or 80 % in any family (the expected category). Skipped,
 * with a message, when the corpus is not there: it is not copied into the repository.
 */
class SmtpCorpusTest {

    private static final String CORPUS = "shared/reference/smtp-failures/corpus.tsv";
    private static final double OVERALL = 0.90;
    private static final double PER_FAMILY = 0.80;

    @Test
    void realServerRepliesAreClassifiedAsTheirCauses() throws IOException {
        Path corpus = locate();
        Assumptions.assumeTrue(corpus != null, "SmtpCorpusTest skipped: " + CORPUS
                + " not found beside the repository (walked up from " + Path.of("").toAbsolutePath() + ")");
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        Map<String, Tally> families = new TreeMap<>();
        Map<String, Tally> reasons = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Tally all = new Tally();
        Tally strict = new Tally();
        Tally strictRcpt = new Tally();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            Row row = new Row(header, line.split("\t", -1));
            if (row.get("reply_code").isEmpty() || row.get("ambiguous").equals("true")) {
                continue; // the corpus README's strict scoring: no SMTP reply, or no single right answer
            }
            int code = Integer.parseInt(row.get("reply_code"));
            SmtpCommand stage = row.get("stage_source").equals("default") ? null : SmtpCommand.valueOf(row.get("stage"));
            SmtpReplyClassifier.Diagnosis d = SmtpReplyClassifier.diagnose(SmtpReply.parse(code, row.get("diagnostic_text")), stage);
            // the indexed phrase matcher finds what scanning every rule's pattern finds
            assertThat(ReplyPhrases.match(row.get("diagnostic_text"))).as("phrase index on row %s", row.get("row"))
                    .isEqualTo(ReplyPhrases.matchByScanning(row.get("diagnostic_text")));
            String expected = row.get("expected_category");
            List<String> alternatives = row.get("acceptable_alternatives").isEmpty()
                    ? List.of() : Arrays.asList(row.get("acceptable_alternatives").split("\\|"));
            boolean right = counts(d.category(), expected, alternatives);
            all.add(right);
            strict.add(counts(d.category(), expected, List.of()));
            SmtpCommand rcptStage = stage == null ? SmtpCommand.RCPT : stage;
            strictRcpt.add(counts(SmtpReplyClassifier.diagnose(SmtpReply.parse(code, row.get("diagnostic_text")), rcptStage).category(), expected, List.of()));
            families.computeIfAbsent(expected, k -> new Tally()).add(right);
            reasons.computeIfAbsent(row.get("sisimai_reason") + " -> " + expected, k -> new Tally()).add(right);
            if (!right) {
                wrong.add(String.format(Locale.ROOT, "  row %s %-22s expected %-22s got %-28s (%s, stage %s) %s", row.get("row"),
                        row.get("sisimai_reason"), expected, d.category().value(), d.basis(), stage, trim(row.get("diagnostic_text"))));
            }
        }
        StringBuilder report = new StringBuilder("\nSMTP corpus (" + corpus + "): " + all + " lenient; strict " + strict + "; strict, unknown stage as RCPT " + strictRcpt + "\n\nper family (expected category):\n");
        families.forEach((f, t) -> report.append(String.format(Locale.ROOT, "  %-24s %s%n", f, t)));
        report.append("\nper Sisimai reason:\n");
        reasons.forEach((r, t) -> report.append(String.format(Locale.ROOT, "  %-48s %s%n", r, t)));
        report.append("\nmisclassified:\n").append(String.join("\n", wrong)).append('\n');
        System.out.println(report);

        assertThat(all.total).as("scorable rows").isGreaterThan(400);
        assertThat(all.share()).as("overall share right" + report).isGreaterThanOrEqualTo(OVERALL);
        families.forEach((f, t) -> assertThat(t.share()).as("share right in family " + f + ": " + t).isGreaterThanOrEqualTo(PER_FAMILY));
    }

    /** Right: the category or the one it refines is the expected one, or an acceptable alternative. */
    static boolean counts(ErrorCategory got, String expected, List<String> alternatives) {
        return got.value().equals(expected) || got.coarse().value().equals(expected)
                || alternatives.contains(got.value()) || alternatives.contains(got.coarse().value());
    }

    /** The corpus beside the repository root: walk up from the module directory. */
    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CORPUS);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String trim(String text) {
        return text.length() > 110 ? text.substring(0, 110) + "..." : text;
    }

    private record Row(List<String> header, String[] cells) {
        String get(String column) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalStateException("corpus has no column " + column);
            }
            return i < cells.length ? cells[i].trim() : "";
        }
    }

    private static final class Tally {
        int total;
        int right;

        void add(boolean ok) {
            total++;
            if (ok) {
                right++;
            }
        }

        double share() {
            return total == 0 ? 1 : (double) right / total;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d/%d (%.1f %%)", right, total, 100 * share());
        }
    }
}
