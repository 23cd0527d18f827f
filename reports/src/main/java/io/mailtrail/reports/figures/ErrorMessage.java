package io.mailtrail.reports.figures;

/**
 * One line of "top errors": failed attempts of one error category and code, with one of their messages.
 * {@code error.message} is full text (not aggregatable), so failures are grouped by category and
 * {@code error.code} and a single message of each group is shown as its example.
 *
 * @param category {@code mailtrail.error.category}, or {@code (none)}
 * @param code     {@code error.code}, or {@code (none)}
 * @param count    failed attempts in the group
 * @param example  the {@code error.message} of the latest of them, or null
 */
public record ErrorMessage(String category, String code, long count, String example) {
}
