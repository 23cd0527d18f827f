package io.mailtrail.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtrail.reports.Fixtures;
import io.mailtrail.reports.Report;
import io.mailtrail.reports.chart.Chart;
import io.mailtrail.reports.chart.ReportCharts;
import io.mailtrail.reports.mail.ReportEmail;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    private final Report report = Fixtures.report(HOSTILE);
    private final List<Chart> charts = new ReportCharts().charts(report);

    @Test
    void chartsAreDrawnHeadlessAsPngs() throws Exception {
        assertThat(charts).extracting(Chart::id).containsExactly("volume", "success-rate", "latency", "provider-latency", "failures", "delivery");
        for (Chart c : charts) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(c.png()));
            assertThat(image.getWidth()).isEqualTo(720);
            assertThat(image.getHeight()).isEqualTo(300);
        }
        // Kept for a look by eye: reports/target/charts/*.png
        Path dir = Files.createDirectories(Path.of("target", "charts"));
        for (Chart c : charts) {
            Files.write(dir.resolve(c.id() + ".png"), c.png());
        }
    }

    @Test
    void theHtmlFileStandsAloneAndEscapesWhatEventsSay() {
        String html = new HtmlReport().render(report, charts, ImageSource.DATA_URI);
        assertThat(html).doesNotContain("<script", "cid:").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(charts.size() + 1);
        assertThat(html).contains("<li class=\"bad\" data-regression=\"latency.p95|sendgrid\">sendgrid p95 +175 % (400 ms → 1.10 s)</li>");
    }

    @Test
    void theEmailNamesEachChartByItsContentId() {
        ReportEmail email = ReportEmail.of(report, charts);
        for (Chart c : charts) {
            assertThat(email.html()).contains("src=\"cid:" + c.id() + "@mailtrail\"");
        }
        assertThat(email.html()).doesNotContain("data:image", "<script");
        assertThat(email.images()).isEqualTo(charts);
        assertThat(email.subject()).isEqualTo("mailtrail report production, 2026-11-23 00:00 to 2026-11-30 00:00 UTC: 6 notably worse");
        assertThat(email.text()).contains("Notably worse:", "sendgrid p95 +175 % (400 ms → 1.10 s)").doesNotContain("<");
    }

    @Test
    void theSummaryHasEveryFigureUnderStableNames() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new SummaryJson().render(report));
        assertThat(json.path("format").asText()).isEqualTo("mailtrail-report/1");
        JsonNode r = json.path("report");
        assertThat(r.path("current").path("period").path("from").asText()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(r.path("current").path("calls").path("latency").path("p95_ms").asDouble()).isEqualTo(1100.0);
        assertThat(r.path("previous").path("calls").path("providers").get(0).path("latency").path("p95_ms").asDouble()).isEqualTo(400.0);
        assertThat(r.path("current").path("delivery").path("by_status").path("bounced_hard").asLong()).isEqualTo(10);
        assertThat(r.path("thresholds").path("bounce_rate_limit").asDouble()).isEqualTo(0.05);
        assertThat(r.path("regressions").get(0).path("text").asText()).isNotBlank();
    }
}
