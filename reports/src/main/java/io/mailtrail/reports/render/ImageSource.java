package io.mailtrail.reports.render;

import io.mailtrail.reports.chart.Chart;

import java.util.Base64;

/** What an {@code <img src>} points at: the image itself (a file) or a part of the same email. */
@FunctionalInterface
public interface ImageSource {

    /** The image inline as a {@code data:} URI: the HTML file opens anywhere, offline. */
    ImageSource DATA_URI = chart -> "data:image/png;base64," + Base64.getEncoder().encodeToString(chart.png());

    /** A reference to the inline part of a multipart/related email: mail clients block data URIs and scripts. */
    ImageSource CONTENT_ID = chart -> "cid:" + chart.contentId();

    String src(Chart chart);
}
