package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case per rule of {@link SmtpReplyClassifier}, {@link EnhancedStatusCodes} and {@link ReplyPhrases}, each
 * written from the standard or the provider/MTA document named in the last column (the wording of the replies
 * is the documented one, with example addresses).
 */
class SmtpReplyClassifierTest {

    @ParameterizedTest(name = "[{0}] {1} -> {2} ({4})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // stage | reply                                                                                     | category                     | retryable | source
            // --- RFC 3463 / RFC 5248 registry, decisive details
            "RCPT    | 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table | recipient_rejected | false | RFC 3463 x.1.1; Postfix local_recipient_maps",
            "RCPT    | 550 5.1.2 Host unknown                                                                     | recipient_rejected           | false | RFC 3463 x.1.2",
            "RCPT    | 550 5.1.6 Mailbox has moved                                                                | recipient_rejected           | false | RFC 3463 x.1.6",
            "RCPT    | 550 5.1.10 Recipient address has null MX                                                   | recipient_rejected           | false | RFC 7505",
            "MAIL    | 553 5.1.7 Bad sender address syntax                                                        | sender_not_authorized        | false | RFC 3463 x.1.7",
            "RCPT    | 552 5.2.2 The email account that you tried to reach is over quota                          | mailbox_full                 | true  | RFC 3463 x.2.2; Gmail SMTP error reference",
            "RCPT    | 452 4.2.2 The email account that you tried to reach is over quota                          | mailbox_full                 | true  | Gmail SMTP error reference 452 4.2.2",
            "DATA    | 552 5.2.3 Message length exceeds administrative limit                                      | payload_too_large            | false | RFC 3463 x.2.3",
            "DATA    | 552 5.3.4 Message size exceeds fixed limit                                                 | payload_too_large            | false | RFC 3463 x.3.4; Postfix message_size_limit",
            "RCPT    | 452 4.5.3 Too many recipients                                                              | rate_limited                 | true  | RFC 3463 x.5.3; RFC 5321 4.5.3.1.10",
            "AUTH    | 535 5.7.8 Authentication credentials invalid                                               | authentication               | false | RFC 4954 section 6",
            "AUTH    | 535 5.7.8 Username and Password not accepted                                               | authentication               | false | Gmail SMTP error reference 535 5.7.8",
            "AUTH    | 534 5.7.9 Authentication mechanism is too weak                                             | authentication               | false | RFC 4954 534",
            "RCPT    | 530 5.7.0 Authentication required                                                          | authentication               | false | RFC 4954 530",
            "DATA    | 550 5.7.13 Disabled recipient address                                                      | recipient_rejected           | false | RFC 5248 x.7.13 (the recipient's account)",
            "AUTH    | 535 5.7.13 User account disabled                                                           | account_blocked              | false | RFC 5248 x.7.13 at AUTH (the sender's own account)",
            "DATA    | 550 5.7.20 No passing DKIM signature found                                                 | sender_authentication_failed | false | RFC 7372 x.7.20",
            "DATA    | 550 5.7.23 SPF validation failed                                                           | sender_authentication_failed | false | RFC 7372 x.7.23",
            "RCPT    | 550 5.7.25 The IP address sending this message does not have a PTR record setup            | sender_authentication_failed | false | RFC 7372 x.7.25; Gmail 550 5.7.25",
            "RCPT    | 550 5.7.26 <bob@example.org>: Recipient address rejected: Multiple authentication checks failed | sender_authentication_failed | false | RFC 7372 x.7.26 (even at RCPT)",
            "DATA    | 550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy | sender_authentication_failed | false | Gmail 550 5.7.26",
            "MAIL    | 550 5.7.27 Sender address has null MX                                                      | sender_not_authorized        | false | RFC 7505",
            // --- vendor codes (Microsoft Exchange Online NDR reference)
            "DATA    | 550 5.7.509 Access denied, sending domain EXAMPLE.COM does not pass DMARC verification and has a DMARC policy of reject | sender_authentication_failed | false | Microsoft EXO 5.7.509",
            "RCPT    | 550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ | sender_blocklisted | false | Microsoft EXO 5.7.606-649",
            "MAIL    | 550 5.7.501 Access denied, spam abuse detected                                             | account_blocked              | false | Microsoft EXO 5.7.501",
            "MAIL    | 451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation | sender_blocklisted        | false | Microsoft EXO 4.7.650",
            "RCPT    | 550 5.4.1 Recipient address rejected: Access denied. AS(201806281)                         | recipient_rejected           | false | Microsoft EXO 5.4.1 (directory based edge blocking)",
            "RCPT    | 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP          | account_blocked              | false | Microsoft EXO 5.7.700-750",
            // --- phrase rules over generic codes
            "RCPT    | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org      | sender_blocklisted           | false | Postfix reject_rbl_client",
            "CONNECT | 553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list | sender_blocklisted | false | Yahoo SMTP error codes [BL21]",
            "RCPT    | 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints | sender_blocklisted | false | Yahoo SMTP error codes [TSS04]",
            "RCPT    | 550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers | sender_blocklisted | false | Gmail SMTP error reference 550 5.7.1",
            "CONNECT | 554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1                     | sender_blocklisted           | false | Proofpoint ipcheck",
            "RCPT    | 550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550       | sender_blocklisted           | false | Mimecast SMTP error codes",
            "DATA    | 550 5.7.1 This message does not have authentication information or fails to pass authentication checks | sender_authentication_failed | false | Gmail 550 5.7.1/421 4.7.0",
            "RCPT    | 550 5.1.0 192.0.2.1 is not allowed to send from <example.net> per its SPF Record           | sender_authentication_failed | false | Microsoft EXO SPF reject; RFC 7208",
            "RCPT    | 450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]                     | sender_authentication_failed | false | Postfix reject_unknown_client_hostname",
            "DATA    | 554 5.7.1 Message rejected as spam                                                         | content_rejected             | false | RFC 3463 x.7.1 'message refused'",
            "DATA    | 550 Virus Detected; Content Rejected                                                       | content_rejected             | false | Exim/ClamAV malware ACL",
            "DATA    | 554 5.7.9 Message not accepted for policy reasons. See https://senders.yahooinc.com/error-codes | content_rejected        | false | Yahoo SMTP error codes 554 5.7.9",
            "DATA    | 552 5.7.0 Our system detected an illegal attachment on this message                       | content_rejected             | false | Gmail SMTP error reference 552 5.7.0",
            "DATA    | 550 5.7.1 Messages missing a valid Message-ID header are not accepted                      | content_rejected             | false | Gmail SMTP error reference; RFC 5322 3.6.4",
            "DATA    | 554 Transaction failed: Duplicate header 'DKIM-Signature'                                  | content_rejected             | false | RFC 5322 3.6 (header counts), not a DKIM failure",
            "MAIL    | 421 4.7.0 Too many connections from 192.0.2.1, try again later                            | rate_limited                 | true  | Postfix anvil smtpd_client_connection_count_limit",
            "MAIL    | 452 4.3.2 Connection rate limit exceeded.                                                  | rate_limited                 | true  | sendmail ratecontrol",
            "RCPT    | 450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered | rate_limited | true | Gmail SMTP error reference 450 4.2.1",
            "RCPT    | 450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html | rate_limited | true | postgrey (Postfix policy server)",
            "DATA    | 550 Ip frequency limited. Blocked IP 192.0.2.1                                             | rate_limited                 | true  | Tencent QQ mail: a 5xx rate limit is still a rate limit",
            "RCPT    | 550 5.1.1 <bob@example.org> - 192.0.2.1 has sent to too many recipients this hour          | rate_limited                 | true  | an address code cannot mean a sender's rate limit",
            "MAIL    | 550 5.4.5 Daily user sending limit exceeded                                                | quota_exceeded               | false | Gmail SMTP error reference 550 5.4.5",
            "RCPT    | 552 Error: disk quota exceeded                                                             | mailbox_full                 | true  | RFC 5321 552 'exceeded storage allocation'",
            "RCPT    | 552 5.5.0 <bob@example.org>... Mailbox is over quota                                       | mailbox_full                 | true  | Dovecot/Exim over quota",
            "RCPT    | 550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416                     | recipient_rejected           | false | Orange: 5.5.0 used for an invalid recipient",
            "RCPT    | 550 5.2.1 The email account that you tried to reach is disabled                            | recipient_rejected           | false | Gmail SMTP error reference 550 5.2.1",
            "DATA    | 554 delivery error: dd This user doesn't have a yahoo.com account                           | recipient_rejected           | false | Yahoo SMTP error codes 554 'dd'",
            "RCPT    | 553 5.3.0 <bob@example.org>... No such user here                                          | recipient_rejected           | false | sendmail 'No such user here'",
            "MAIL    | 553 5.1.8 <a@example.net>... Domain of sender address a@example.net does not exist        | sender_not_authorized        | false | sendmail check_mail",
            "MAIL    | 550 5.7.1 Email address is not verified. The following identities failed the check in region US-EAST-1 | sender_not_authorized | false | Amazon SES SMTP 'Email address is not verified'",
            "RCPT    | 454 4.7.0 TLS not available due to temporary reason                                        | network                      | true  | RFC 3207 454",
            "MAIL    | 500 Remote server does not support TLS                                                     | network                      | false | RFC 3207; a permanent TLS refusal is believed",
            "DATA    | 451 4.3.0 Temporary local problem - please try later                                       | provider_unavailable         | true  | Exim 'Temporary local problem'",
            "DATA    | 554 Service currently unavailable                                                          | provider_unavailable         | false | RFC 5321 554; a permanent server failure is believed",
            // --- the reply code alone, read with the stage (RFC 5321 4.2.2/4.2.3, RFC 7504)
            "CONNECT | 421 Service not available, closing transmission channel                                   | provider_unavailable         | true  | RFC 5321 421",
            "MAIL    | 454 Throttling failure: Maximum sending rate exceeded                                      | rate_limited                 | true  | Amazon SES SMTP 454",
            "AUTH    | 454 4.7.0 Temporary authentication failure                                                 | provider_unavailable         | true  | RFC 4954 454",
            "RCPT    | 550 Requested action not taken                                                             | recipient_rejected           | false | RFC 5321 550 at RCPT",
            "MAIL    | 550 Requested action not taken                                                             | sender_not_authorized        | false | RFC 5321 550 at MAIL FROM",
            "CONNECT | 554 No SMTP service here                                                                   | sender_blocklisted           | false | RFC 5321 3.1: 554 greeting refuses the client",
            "DATA    | 554 Transaction failed                                                                     | content_rejected             | false | RFC 5321 554 after DATA",
            "RCPT    | 552 Requested mail action aborted                                                          | mailbox_full                 | true  | RFC 5321 552 at RCPT: exceeded storage allocation",
            "DATA    | 552 Requested mail action aborted                                                          | payload_too_large            | false | RFC 5321 552 after DATA",
            "RCPT    | 452 Requested action not taken                                                             | rate_limited                 | true  | RFC 5321 4.5.3.1.10: 452 at RCPT",
            "RCPT    | 556 Domain does not accept mail                                                            | recipient_rejected           | false | RFC 7504 556",
            "DATA    | 451 Requested action aborted: local error in processing                                   | provider_unavailable         | true  | RFC 5321 451",
            "RCPT    | 501 Syntax error in parameters or arguments                                               | invalid_request              | false | RFC 5321 501",
            "RCPT    | 450 4.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual alias table | recipient_rejected        | false | a 4xx user unknown is not retried: the address will not appear",
            "-       | 550 5.1.1 user unknown                                                                     | recipient_rejected           | false | stage unknown (webhook bounce)",
    })
    void eachRuleFromItsSource(String stage, String reply, String category, boolean retryable, String source) {
        SmtpCommand s = stage == null ? null : SmtpCommand.valueOf(stage);
        SmtpReplyClassifier.Diagnosis d = SmtpReplyClassifier.diagnose(SmtpReply.parse(reply), s);

        assertThat(d.category().value()).as("%s (%s; decided by %s)", reply, source, d.basis()).isEqualTo(category);
        assertThat(ReplyPhrases.match(reply)).as("phrase index").isEqualTo(ReplyPhrases.matchByScanning(reply));
        assertThat(d.retryable()).as("retryable of %s", reply).isEqualTo(retryable);
    }

    @Test
    void addressesAndLinkPathsCannotDecide() {
        // a local part "spam" and a help link whose path names a reason are not the server's words
        SmtpReplyClassifier.Diagnosis d = SmtpReplyClassifier.diagnose(
                SmtpReply.parse("550 5.1.1 <spam-virus-dmarc@example.org> user unknown https://help.example/reason/#blocked"), SmtpCommand.RCPT);
        assertThat(d.category()).isEqualTo(ErrorCategory.RECIPIENT_REJECTED);
        assertThat(ReplyPhrases.normalise("550 see https://www.spamhaus.org/query/ip/192.0.2.1 for <Spam@Example.org>"))
                .contains("www.spamhaus.org").doesNotContain("query").doesNotContain("spam@");
    }

    @Test
    void thePhraseIndexSplitsAndKeysAlternativesAsTheRegexMeansThem() {
        assertThat(PhraseIndex.split("a(b|c)|d[|]e|f\\|g")).containsExactly("a(b|c)", "d[|]e", "f\\|g");
        assertThat(PhraseIndex.cue("\\bspf\\b")).containsExactly('s' - 'a', 'p' - 'a');
        assertThat(PhraseIndex.cue("(?<!not )listed")).containsExactly('l' - 'a', 'i' - 'a');
        assertThat(PhraseIndex.cue("e-?mail")).containsExactly('e' - 'a', -1);
        assertThat(PhraseIndex.cue("s?pam")).containsExactly(-1, -1);
        assertThat(PhraseIndex.cue("[a-z]+x")).containsExactly(-1, -1);
        assertThat(PhraseIndex.prefix("\\bspam[- ]?filter")).isEqualTo("spam");
        assertThat(PhraseIndex.prefix("user unknown")).isEqualTo("user unknown");
        assertThat(PhraseIndex.prefix("doesn'?t exist")).isEqualTo("doesn");
        assertThat(PhraseIndex.prefix("(?<!not )listed (?:at|in)")).isEqualTo("listed ");
        PhraseIndex index = new PhraseIndex(java.util.List.of("(?:black|block)-?list", "(?:is )?over quota|\\bx\\b", "(?<!not )listed in"));
        assertThat(index.firstMatch("ip is on a block-list")).isZero();
        assertThat(index.firstMatch("user over quota")).isEqualTo(1);
        assertThat(index.firstMatch("a x b")).isEqualTo(1);
        assertThat(index.firstMatch("not listed in table")).isEqualTo(-1);
        assertThat(index.firstMatch("listed in zen")).isEqualTo(2);
        assertThat(index.firstMatch("")).isEqualTo(-1);
    }

    @Test
    void everyPhraseRuleAndTableEntryNamesItsSource() {
        assertThat(ReplyPhrases.rules()).allSatisfy(r -> assertThat(r.source()).as(r.name()).isNotBlank());
        assertThat(EnhancedStatusCodes.all().values()).allSatisfy(e -> assertThat(e.source()).as(e.code()).matches("(RFC|Microsoft).*"));
        Set<String> names = new HashSet<>();
        assertThat(ReplyPhrases.rules()).allSatisfy(r -> assertThat(names.add(r.name())).as("rule name %s unique", r.name()).isTrue());
    }

    @Test
    void theRegistryIsComplete() {
        // RFC 3463 section 3 defines x.1.0-x.7.7; RFC 4954/5248/6710/7293/7372 extend subject 7 to x.7.26
        for (String code : new String[] {"1.0", "1.8", "2.4", "3.5", "4.7", "5.5", "6.5", "7.7", "7.12", "7.19", "7.26"}) {
            assertThat(EnhancedStatusCodes.all()).containsKey(code);
        }
        assertThat(EnhancedStatusCodes.lookup("5.7.999").category()).isEqualTo(ErrorCategory.CONTENT_REJECTED); // subject default
        assertThat(EnhancedStatusCodes.lookup("5.7.999").decisive()).isFalse();
        assertThat(EnhancedStatusCodes.lookup(null)).isNull();
    }

    /**
     * The flag written to {@code mailtrail.error.retryable} and the default {@link RetryPolicy} agree: the policy
     * retries an SMTP failure exactly when its event says it is retryable (issue 12: 452 4.5.3 was flagged
     * retryable while the policy would not retry it).
     */
    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void theRetryableFlagAndTheDefaultPolicyAgree(ErrorCategory category) {
        RetryPolicy policy = RetryPolicy.builder().build();
        for (int code : new int[] {421, 450, 451, 452, 550, 552, 554}) {
            SmtpReply reply = SmtpReply.parse(code + " test");
            boolean flag = SmtpReplyClassifier.retryable(category, reply);
            AttemptResult result = AttemptResult.failure(category).retryable(flag).build();
            assertThat(policy.nextDelay(1, result, Duration.ZERO).isPresent()).as("%s after %d", category, code).isEqualTo(flag);
        }
        AttemptResult tooMany = result("452 4.5.3 Too many recipients", SmtpCommand.RCPT);
        assertThat(tooMany.retryable()).isTrue();
        assertThat(policy.nextDelay(1, tooMany, Duration.ZERO)).isPresent();
    }

    private static AttemptResult result(String reply, SmtpCommand stage) {
        SmtpReplyClassifier.Diagnosis d = SmtpReplyClassifier.diagnose(SmtpReply.parse(reply), stage);
        return AttemptResult.failure(d.category()).retryable(d.retryable()).build();
    }
}
