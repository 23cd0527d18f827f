package io.mailtrail.tracker.delivery;

import io.mailtrail.schema.DeliveryStatus;
import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.smtp.SmtpReply;
import io.mailtrail.tracker.smtp.SmtpReplyClassifier;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cause of a bounce, rejection or deferral a provider reports, in the same vocabulary as the failed calls
 * ({@code mailtrail.error.category}), so that "bounces by cause" and "failed sends by cause" read alike. In
 * order: the provider's own classification of the bounce when it has one that names a cause (SES
 * {@code bounceSubType}, Postmark {@code Type}, Mailgun {@code reason}); the suppression lists' wording; then
 * the reported SMTP reply code, enhanced status and diagnostic text through {@link SmtpReplyClassifier}, with the
 * stage unknown. A hard bounce nothing else explains is a refused recipient: that is what providers mean by
 * "hard" (SES: "Permanent ... remove the address"). Stateless.
 */
final class BounceCategories {

    private static final Set<DeliveryStatus> FAILURES = EnumSet.of(DeliveryStatus.BOUNCED_HARD, DeliveryStatus.BOUNCED_SOFT,
            DeliveryStatus.REJECTED, DeliveryStatus.FAILED, DeliveryStatus.DEFERRED);

    /**
     * Provider bounce classifications that name a cause, lower-cased. SES: "Amazon SES notification contents",
     * bounce types and subtypes. Postmark: "Bounce webhook", bounce types. Mailgun: "Events", {@code reason}.
     * The general ones (SES {@code General}, Postmark {@code HardBounce}/{@code SoftBounce}) are not here: the
     * diagnostic text decides for them.
     */
    private static final Map<String, ErrorCategory> PROVIDER_TYPES = Map.ofEntries(
            // SES bounceSubType
            Map.entry("noemail", ErrorCategory.RECIPIENT_REJECTED),
            Map.entry("suppressed", ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry("onaccountsuppressionlist", ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry("mailboxfull", ErrorCategory.MAILBOX_FULL),
            Map.entry("messagetoolarge", ErrorCategory.PAYLOAD_TOO_LARGE),
            Map.entry("contentrejected", ErrorCategory.CONTENT_REJECTED),
            Map.entry("attachmentrejected", ErrorCategory.CONTENT_REJECTED),
            // Postmark bounce Type
            Map.entry("bademailaddress", ErrorCategory.RECIPIENT_REJECTED),
            Map.entry("manuallydeactivated", ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry("spamnotification", ErrorCategory.CONTENT_REJECTED),
            Map.entry("virusnotification", ErrorCategory.CONTENT_REJECTED),
            Map.entry("blocked", ErrorCategory.SENDER_BLOCKLISTED),
            Map.entry("dmarcpolicy", ErrorCategory.SENDER_AUTHENTICATION_FAILED),
            Map.entry("smtpapierror", ErrorCategory.INVALID_REQUEST),
            Map.entry("templaterenderingfailed", ErrorCategory.INVALID_REQUEST),
            // Mailgun failed.reason
            Map.entry("suppress-bounce", ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry("suppress-unsubscribe", ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry("suppress-complaint", ErrorCategory.RECIPIENT_SUPPRESSED),
            Map.entry("espblock", ErrorCategory.SENDER_BLOCKLISTED),
            // SES Reject event reason: "Bad content" is SES's virus check refusing the message
            Map.entry("bad content", ErrorCategory.CONTENT_REJECTED));

    /**
     * The providers' words for "not sent: the address is on a suppression list": SendGrid's dropped reasons
     * ("Bounced Address", "Unsubscribed Address", "Spam Reporting Address"), SES's "has suppressed sending to this
     * address", Mailgun's "not delivering to previously bounced address" (its code 605).
     */
    private static final Pattern SUPPRESSED = Pattern.compile(
            "bounced address|unsubscribed address|spam reporting address|suppression list|suppressed sending|suppress-"
                    + "|previously bounced address|previously (?:unsubscribed|complained)");

    private BounceCategories() {
    }

    private static ErrorCategory providerWord(String word) {
        return word == null || word.length() > 40 ? null : PROVIDER_TYPES.get(word.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The category of a failed delivery event, or null for the others (delivered, opened, complained ...).
     *
     * @param providerType the provider's own bounce classification (see above), or null
     */
    static ErrorCategory of(DeliveryStatus status, String providerType, String reason, Integer replyCode, String enhanced) {
        if (status == null || !FAILURES.contains(status)) {
            return null;
        }
        ErrorCategory byType = providerWord(providerType);
        if (byType == null) {
            byType = providerWord(reason); // a reason that is just the provider's keyword ("Bad content")
        }
        if (byType != null) {
            return byType;
        }
        if (reason != null && SUPPRESSED.matcher(reason.toLowerCase(Locale.ROOT)).find()) {
            return ErrorCategory.RECIPIENT_SUPPRESSED;
        }
        int code = replyCode == null ? 0 : replyCode;
        if (code > 0 || enhanced != null || reason != null) {
            SmtpReply reply = SmtpReply.parse(code, reason);
            if (enhanced != null && reply.enhanced() == null) {
                reply = new SmtpReply(reply.code(), enhanced, reply.text());
            }
            ErrorCategory c = SmtpReplyClassifier.category(reply, null);
            if (c != ErrorCategory.UNKNOWN) {
                return c;
            }
        }
        return status == DeliveryStatus.BOUNCED_HARD ? ErrorCategory.RECIPIENT_REJECTED : ErrorCategory.UNKNOWN;
    }
}
