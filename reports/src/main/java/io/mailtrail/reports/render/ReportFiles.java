package io.mailtrail.reports.render;

import io.mailtrail.reports.Report;
import io.mailtrail.reports.chart.Chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes the self-contained HTML file (charts as {@code data:} URIs) and the JSON summary beside it. */
public final class ReportFiles {

    private final HtmlReport html = new HtmlReport();
    private final SummaryJson summary = new SummaryJson();

    /**
     * Writes both files, each through a temporary file and a move, so a reader never sees half a report.
     *
     * @throws IOException naming the file that could not be written
     */
    public void write(Report report, List<Chart> charts, Path htmlFile, Path summaryFile) throws IOException {
        replace(htmlFile, html.render(report, charts, ImageSource.DATA_URI));
        replace(summaryFile, summary.render(report));
    }

    private static void replace(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
