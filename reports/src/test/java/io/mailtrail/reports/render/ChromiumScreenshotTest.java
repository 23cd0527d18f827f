package io.mailtrail.reports.render;

import io.mailtrail.reports.Fixtures;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.chart.ReportCharts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTML file renders in a real browser, offline. Runs only where {@code /usr/bin/chromium} exists. */
class ChromiumScreenshotTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theReportRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " on this machine");
        Report report = Fixtures.report("timeout");
        List<Chart> charts = new ReportCharts().charts(report);
        new ReportFiles().write(report, charts, dir.resolve("report.html"), dir.resolve("report.json"));
        Path shot = dir.resolve("shot.png");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--window-size=800,2400",
                "--screenshot=" + shot, dir.resolve("report.html").toUri().toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        // The charts are PNGs inside the file: if they did not load, the page is text on white.
        assertThat(colouredShare(image)).as("share of strongly coloured pixels (the charts' series)").isGreaterThan(0.005);
        Files.copy(shot, Files.createDirectories(Path.of("target")).resolve("report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Pixels whose channels differ by more than 80: chart colours, never the black, grey or white of text. */
    private static double colouredShare(BufferedImage image) {
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        return (double) coloured / ((long) image.getWidth() * image.getHeight());
    }
}
