package io.mailtrail.tracker.delivery;

import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.schema.ErrorCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounces reported by webhooks get the cause in the vocabulary of failed calls: the sample payloads of each
 * provider through its real mapper, and the provider keywords from their documentation.
 */
class BounceCategoriesTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // provider | sample                          | categories of its failure events, in order
            "ses        | sns-bounce-permanent.json       | recipient_rejected,recipient_rejected",
            "ses        | sns-bounce-suppressed.json      | recipient_suppressed",
            "ses        | sns-bounce-transient.json       | mailbox_full",
            "ses        | bounce-undetermined.json        | unknown",
            "ses        | delivery-delay.json             | provider_unavailable",
            "ses        | reject.json                     | content_rejected,content_rejected",
            "mailgun    | failed-permanent.json           | recipient_rejected",
            "mailgun    | failed-suppress-bounce.json     | recipient_suppressed",
            "mailgun    | failed-temporary.json           | mailbox_full",
            "postmark   | bounce-hard.json                | recipient_rejected",
    })
    void samplePayloadsGetTheirCause(String provider, String sample, String categories) throws Exception {
        List<DeliveryEvent> events = DeliveryMappers.forName(provider).map(Samples.read(provider, sample));

        assertThat(events).filteredOn(e -> e.errorCategory() != null)
                .extracting(e -> e.errorCategory().value())
                .containsExactly(categories.split(","));
    }

    @Test
    void onlyFailuresHaveACause() throws Exception {
        List<DeliveryEvent> events = DeliveryMappers.sendgrid().map(Samples.read("sendgrid", "events.json"));
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            boolean failure = e.status() == DeliveryStatus.BOUNCED_HARD || e.status() == DeliveryStatus.BOUNCED_SOFT
                    || e.status() == DeliveryStatus.REJECTED || e.status() == DeliveryStatus.DEFERRED
                    || e.status() == DeliveryStatus.FAILED;
            assertThat(e.errorCategory() != null).as("%s has a category", e.status()).isEqualTo(failure);
        });
        assertThat(events).filteredOn(e -> e.status() == DeliveryStatus.BOUNCED_HARD).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} {1} / {2} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // status     | provider type            | reason                                                            | code | category            | source
            "BOUNCED_SOFT | MailboxFull              | -                                                                 | -   | mailbox_full         | SES bounceSubType",
            "BOUNCED_SOFT | MessageTooLarge          | -                                                                 | -   | payload_too_large    | SES bounceSubType",
            "BOUNCED_SOFT | AttachmentRejected       | -                                                                 | -   | content_rejected     | SES bounceSubType",
            "REJECTED     | DMARCPolicy              | -                                                                 | -   | sender_authentication_failed | Postmark bounce type",
            "REJECTED     | Blocked                  | -                                                                 | -   | sender_blocklisted   | Postmark bounce type (ISP block)",
            "REJECTED     | ManuallyDeactivated      | -                                                                 | -   | recipient_suppressed | Postmark bounce type",
            "REJECTED     | -                        | Bounced Address                                                   | -   | recipient_suppressed | SendGrid dropped reason",
            "REJECTED     | -                        | Unsubscribed Address                                              | -   | recipient_suppressed | SendGrid dropped reason",
            "BOUNCED_HARD | General                  | smtp; 550 5.7.26 This mail has been blocked because the sender is unauthenticated | 550 | sender_authentication_failed | Gmail 550 5.7.26 via SES",
            "BOUNCED_SOFT | -                        | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org | 554 | sender_blocklisted | SendGrid 'blocked' bounce, Postfix RBL text",
            "DEFERRED     | -                        | 451 4.7.1 Greylisted, please try again later                      | 451 | rate_limited         | postgrey via a deferral",
            "BOUNCED_HARD | General                  | -                                                                 | -   | recipient_rejected   | a hard bounce nothing else explains",
            "BOUNCED_SOFT | Undetermined             | -                                                                 | -   | unknown              | nothing to go on",
            "DELIVERED    | -                        | 250 2.0.0 OK                                                      | 250 | -                    | not a failure",
            "COMPLAINED   | -                        | abuse                                                             | -   | -                    | a complaint is not an error",
    })
    void causesFromProviderWordsAndReplies(DeliveryStatus status, String type, String reason, Integer code, String category, String source) {
        ErrorCategory c = BounceCategories.of(status, type, reason, code, null);
        assertThat(c == null ? null : c.value()).as(source).isEqualTo(category);
    }
}
