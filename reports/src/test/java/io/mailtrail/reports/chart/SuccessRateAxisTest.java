package io.mailtrail.reports.chart;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuccessRateAxisTest {

    @Test
    void aFlatRateGetsAReadableAxisUpTo100() {
        NumberAxis axis = axisFor(99.0, 99.0, 99.0);
        assertThat(axis.getLowerBound()).isEqualTo(95.0);
        assertThat(axis.getUpperBound()).isEqualTo(100.0);
    }

    @Test
    void theAxisReachesBelowTheLowestRate() {
        assertThat(axisFor(99.5, 42.3, Double.NaN).getLowerBound()).isEqualTo(40.0);
        assertThat(axisFor(100.0, 95.0).getLowerBound()).isEqualTo(90.0);
        assertThat(axisFor(0.5, 80.0).getLowerBound()).isEqualTo(0.0);
    }

    @Test
    void noDataStillGivesAnAxis() {
        NumberAxis axis = axisFor();
        assertThat(axis.getLowerBound()).isEqualTo(95.0);
        assertThat(axis.getUpperBound()).isEqualTo(100.0);
    }

    private static NumberAxis axisFor(double... rates) {
        TimeSeries series = new TimeSeries("attempts");
        for (int i = 0; i < rates.length; i++) {
            series.add(new FixedMillisecond(i * 3_600_000L), Double.isNaN(rates[i]) ? null : rates[i]);
        }
        NumberAxis axis = new NumberAxis("%");
        ReportCharts.successRateRange(axis, new TimeSeriesCollection(series));
        return axis;
    }
}
