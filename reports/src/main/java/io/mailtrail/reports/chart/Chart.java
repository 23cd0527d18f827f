package io.mailtrail.reports.chart;

import java.util.Objects;

/**
 * One rendered chart.
 *
 * @param id    stable name, also the email part's Content-ID ({@code <id@mailtrail>}) and the PNG file name
 * @param title what it shows, also the image's alt text
 * @param png   the image
 */
public record Chart(String id, String title, byte[] png) {

    public Chart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(png, "png");
    }

    /** The Content-ID of the inline part, without angle brackets. */
    public String contentId() {
        return id + "@mailtrail";
    }

    @Override
    public String toString() {
        return "Chart[" + id + ", " + png.length + " bytes]";
    }
}
