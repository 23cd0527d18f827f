package io.mailtrail.tracker.smtp;

import io.mailtrail.schema.ErrorCategory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Causes that mail servers spell out in their reply text, as phrase rules: each names the category and the
 * standard or the provider's/MTA's documentation its wording comes from. The first rule that matches wins, so
 * the order matters: the specific cause before the generic one (an SPF failure reported as "Recipient address
 * rejected: SPF ..." is an SPF failure; "Spamhaus" is a blocklist, not spam content; a mailbox "quota" is
 * not a sending quota).
 *
 * <p>The text is matched after {@link #normalise(String) normalising}: lower case, addresses and the paths of
 * URLs removed, so that a local part such as {@code spam@} or a help link such as {@code .../reason/#blocked}
 * cannot decide. Immutable and thread-safe.
 */
final class ReplyPhrases {

    /**
     * One phrase rule.
     *
     * @param name     short name, used in tests and the README table
     * @param pattern  matched against the normalised text with {@code find()}
     * @param category the category the phrase names
     * @param source   where the wording comes from
     */
    record Rule(String name, Pattern pattern, ErrorCategory category, String source) {
    }


    private static final List<Rule> RULES = List.of(
            // --- the message's own structure: before the authentication words, since a header may be named DKIM-Signature
            rule("duplicate or malformed header", "duplicate header|multiple (?:from|subject|date|message-id) headers"
                            + "|header (?:error|syntax)|not (?:rfc|rfc ?5322|rfc ?2822) compliant|non-compliant with rfc|rfc ?5322 (?:section|compliant)"
                            + "|missing (?:a )?(?:valid )?message-id",
                    ErrorCategory.CONTENT_REJECTED,
                    "RFC 5322 section 3.6 (header counts); Gmail SMTP error reference (550 5.7.1 missing Message-ID); "
                            + "Microsoft EXO 5.7.512"),
            // --- transport security: the taxonomy puts TLS under network
            rule("TLS required or unavailable", "starttls|does not support (?:tls|ssl|encryption)|tls (?:is )?(?:required|not available|unavailable|negotiation|handshake)"
                            + "|(?:encryption|secure connection) required|must use (?:tls|encryption)",
                    ErrorCategory.NETWORK,
                    "RFC 3207 (STARTTLS: 454 'TLS not available due to temporary reason', 530 'Must issue a STARTTLS command first'); "
                            + "Gmail 421 4.7.0 'TLS required for RCPT domain'"),
            // --- the receiver's authentication policy (SPF/DKIM/DMARC/reverse DNS)
            rule("SPF, DKIM or DMARC", "\\bdmarc\\b|\\bspf\\b|\\bdkim\\b|sender policy framework|domainkeys",
                    ErrorCategory.SENDER_AUTHENTICATION_FAILED,
                    "RFC 7372 (x.7.20-x.7.26 texts); Gmail 550 5.7.26 'DMARC policy'; Microsoft EXO 5.7.509/5.7.23; "
                            + "Yahoo sender requirements; Postfix policyd-spf 'Rejected by SPF'; Exim 'SPF check failed'"),
            rule("authentication checks failed", "authentication checks|fails? to pass authentication|does not pass authentication"
                            + "|unauthenticated (?:e-?mail|mail|message|sender)|sender is unauthenticated|not (?:properly )?authenticated (?:e-?mail|mail|message)"
                            + "|does not have authentication information",
                    ErrorCategory.SENDER_AUTHENTICATION_FAILED,
                    "RFC 7372 x.7.26 'Multiple authentication checks failed'; Gmail 550 5.7.26 / 421 4.7.0 'fails to pass authentication checks'"),
            rule("reverse DNS (PTR)", "\\bptr\\b|reverse (?:dns|lookup|hostname|name|mapping)|\\brdns\\b"
                            + "|cannot find your (?:reverse )?hostname|can'?t resolve your (?:ip|address|hostname)|no reverse",
                    ErrorCategory.SENDER_AUTHENTICATION_FAILED,
                    "RFC 7372 x.7.25 'Reverse DNS validation failed'; Gmail 550 5.7.25 'does not have a PTR record'; "
                            + "Postfix reject_unknown_client_hostname 'Client host rejected: cannot find your hostname'"),
            // --- the sender's own provider account
            rule("sending account banned", "spam abuse detected|bad outbound sender|sending account (?:has been )?(?:suspended|disabled|blocked|banned)",
                    ErrorCategory.ACCOUNT_BLOCKED, "Microsoft EXO 5.7.501-5.7.503 and 5.1.8 'bad outbound sender'"),
            rule("sending quota", "sending (?:quota|limit)|daily (?:user )?(?:sending )?(?:quota|limit)|(?:daily|hourly) message (?:quota|limit)",
                    ErrorCategory.QUOTA_EXCEEDED, "Gmail 550 5.4.5 'Daily user sending limit exceeded'; Amazon SES 'Daily message quota exceeded'"),
            // --- rate limits and throttling (Yahoo's TSS04 "unexpected volume or user complaints" is reputation: below)
            rule("rate limit", "rate[ -]?limit|too many (?:connections|concurrent|simultaneous|sessions|messages|mails|e-?mails|recipients|rcpt|smtp)"
                            + "|connection rate|frequency limit|frequency limited|sending (?:too fast|rate)|too fast|throttl|grey-?list|gray-?list"
                            + "|receiving mail at a rate|(?:max|maximum) (?:number of )?(?:messages?|recipients|connections)(?: per| exceeded| reached)"
                            + "|exceeded (?:the )?(?:permitted|allowed|maximum)? ?(?:limits?|rate)|slow down|rate of (?:incoming|unsolicited)",
                    ErrorCategory.RATE_LIMITED,
                    "RFC 5321 4.5.3.1.10 (too many recipients, 452); Postfix anvil 'Too many connections', postgrey 'Greylisted'; "
                            + "sendmail ratecontrol 'Connection rate limit exceeded'; Exim 'Too many concurrent SMTP connections'; "
                            + "Gmail 450 4.2.1 'receiving mail at a rate', 421 4.7.28 'rate limited'; Yahoo 421 'Max message per connection'; "
                            + "Microsoft EXO 5.7.508"),
            // --- reputation and blocklists of the sending IP, host or domain (before "spam": Spamhaus is a list)
            rule("listed URL in the content", "(?:black|block|deny)-?listed (?:url|uri|link|domain in (?:the )?(?:message|body))|\\buribl\\b|\\bsurbl\\b",
                    ErrorCategory.CONTENT_REJECTED, "URIBL/SURBL (content URL lists, as SpamAssassin's URIBL rules report them)"),
            rule("blocklist or reputation", "blocked using|(?:black|block|deny)-?list|\\bdnsbl\\b|\\brbl\\b|\\brbls\\b|spamhaus|spamcop|\\bsorbs\\b|barracuda"
                            + "|\\bbl\\d\\d\\b|(?<!not )listed (?:at|in|on|by) |reputation|user complaints|ipcheck\\.proofpoint|proofpoint\\.com"
                            + "|banned sending ip|(?:sending|your|client|source|remote|connecting) (?:ip|host|server)\\b[^.;]{0,40}\\b(?:blocked|banned|listed|refused|rejected|not allowed|not authorized)"
                            + "|\\bip\\b[^.;]{0,40}\\b(?:is )?(?:blocked|banned|blacklisted|blocklisted)|client host [^.;]{0,40}(?:blocked|rejected)"
                            + "|connections? (?:will not be|not) accepted from|not (?:allowed|authori[sz]ed|permitted) to send (?:e-?mail|mail) directly|dynamic(?:ally assigned)? ip"
                            + "|(?:host|network|ip) (?:network )?not allowed|dial-?up|residential|permanently deferred|envelope blocked|blocked senders|sender (?:address )?(?:is )?blocked"
                            + "|(?:host|ip|sender|domain|client) (?:has been )?blocked|blocked (?:ip|host|for spamming|by (?:the )?recipient)",
                    ErrorCategory.SENDER_BLOCKLISTED,
                    "Postfix reject_rbl_client 'blocked using <list>'; Exim 'is in a black list at'; Spamhaus/Spamcop/SORBS/Barracuda; "
                            + "Yahoo [BL21]/[TSS04]/[TSS09] 'user complaints', 'permanently deferred'; Microsoft EXO 5.7.606 'banned sending IP', "
                            + "4.7.650 'IP reputation'; Gmail 550 5.7.1 'not authorized to send email directly'; Proofpoint ipcheck; "
                            + "Mimecast 'Envelope blocked', 'Blocked Senders', 'Host network not allowed'"),
            // --- content
            rule("spam, virus or content", "\\bspam\\b|\\bspams\\b|\\bspamming\\b|\\bspam[- ]?(?:like|score|filter|content)|\\bube\\b|\\buce\\b|unsolicited"
                            + "|\\bjunk\\b|virus|malware|infected|phish|content (?:rejected|filter|policy|refused)|message content|rejected content"
                            + "|prohibited (?:content|attachment)|(?:illegal|forbidden|banned|blocked|dangerous|unacceptable) (?:attachment|file|content)"
                            + "|attachment (?:type )?(?:not allowed|rejected|blocked)|policy reasons|(?:local|security|content|organization'?s?) polic(?:y|ies)"
                            + "|(?:denied|rejected|refused|blocked) (?:by|due to) (?:the )?(?:local |our |security |content )?polic(?:y|ies)|suspicious|message (?:has been )?(?:filtered|blocked|refused|rejected)(?! by)|8-?bit|\\bbare (?:lf|cr)\\b",
                    ErrorCategory.CONTENT_REJECTED,
                    "RFC 3463 x.7.1 'message refused'; Gmail 550 5.7.1 'likely unsolicited mail', 552 5.7.0 'illegal attachment'; "
                            + "Yahoo 554 5.7.9 'not accepted for policy reasons'; Exim/ClamAV 'contains a virus'; Proofpoint/Mimecast "
                            + "'rejected due to security policies', 'spam'"),
            // --- the recipient's mailbox is full (after "sending quota")
            rule("mailbox full", "mailbox (?:is )?full|mailbox (?:size )?limit|(?:is|user is|account is) over (?:the )?(?:quota|storage)|over ?quota"
                            + "|quota (?:exceeded|exceed|full)|exceeded (?:the )?(?:storage|quota|disk)|disk quota|storage (?:allocation|limit|space|quota)"
                            + "|out of storage|insufficient (?:user )?(?:storage|space) (?:for|in) (?:the )?(?:user|mailbox|account)|mailbox (?:exceeds|has exceeded)|\\bfull mailbox\\b|inbox is full",
                    ErrorCategory.MAILBOX_FULL,
                    "RFC 3463 x.2.2 'Mailbox full'; RFC 5321 552 'exceeded storage allocation'; Gmail 452 4.2.2/552 5.2.2 'over quota'; "
                            + "Dovecot LDA 'Quota exceeded (mailbox for user is full)'; Exim 'mailbox is full'"),
            // --- size
            rule("message too large", "message (?:size|length) (?:exceeds|is over|too)|message (?:is )?too (?:big|large)|size exceeds|exceeds (?:the )?(?:maximum|max|fixed) (?:message )?size"
                            + "|too much mail data|message exceeds|size limit",
                    ErrorCategory.PAYLOAD_TOO_LARGE,
                    "RFC 3463 x.3.4/x.2.3; Postfix 'Message size exceeds fixed limit', 'too much mail data'; Gmail 552 5.3.4 'message exceeded'"),
            // --- the sender is refused (identity, domain, relay)
            rule("sender rejected", "sender (?:address )?(?:rejected|refused|denied|not (?:allowed|permitted|authorized|accepted))|domain of sender|sender verify|sender verification"
                            + "|sender (?:domain )?(?:does not exist|not found|unknown|must exist|must resolve)|unverified sender|not authori[sz]ed to send"
                            + "|(?:e-?mail )?address is not verified|identities failed the check|anti-?spoofing|spoof|relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)"
                            + "|unable to relay|not (?:allowed|permitted) to relay|we do not relay|mail from .{0,40}(?:rejected|refused)",
                    ErrorCategory.SENDER_NOT_AUTHORIZED,
                    "Postfix 'Sender address rejected: Domain not found', 'Relay access denied'; sendmail 'Domain of sender address ... "
                            + "does not exist', 'Relaying denied'; Exim 'Sender verify failed'; Amazon SES 'Email address is not verified'; "
                            + "Mimecast 'Anti-Spoofing policy'"),
            // --- SMTP AUTH
            rule("authentication required", "(?<!temporary )authentication (?:is )?(?:required|failed|failure|unsuccessful)|must (?:issue|authenticate|use smtp auth)|smtp auth"
                            + "|credentials invalid|invalid credentials|username and password not accepted|client was not authenticated",
                    ErrorCategory.AUTHENTICATION,
                    "RFC 4954 (530 5.7.0 'Authentication required', 535 5.7.8); Gmail 535 5.7.8 'Username and Password not accepted'; "
                            + "Microsoft EXO 5.7.57"),
            // --- the recipient
            rule("unknown recipient", "user unknown|unknown user|no such (?:user|mailbox|recipient|address|account|local user|person)|(?:does not|doesn'?t|not) exist"
                            + "|unknown (?:recipient|mailbox|address|local[- ]part|alias|e-?mail)|invalid (?:recipient|mailbox|address|user|e-?mail address)"
                            + "|(?:user|recipient|mailbox|address|account) (?:is )?(?:not found|unknown|invalid|inactive|disabled|deactivated|suspended|unavailable|expired|closed|not available|not listed)"
                            + "|(?:account|mailbox) (?:has been )?(?:disabled|deactivated|suspended|locked|closed|terminated|removed)|(?:account|mailbox|address)[^.;]{0,40}\\bis (?:disabled|inactive|deactivated|suspended|blocked|locked)|unrouteable address|unroutable address|no mailbox"
                            + "|recipient not|not a valid (?:recipient|mailbox|user)|bad (?:recipient|destination)|mailbox unavailable"
                            + "|doesn'?t have a .{1,40} account|has moved|no forwarding|user not local|not our customer|mailbox name not allowed|not listed in"
                            + "|host (?:unknown|not found)|unknown host|domain (?:is )?(?:not found|does not exist|unknown|not reachable|unreachable)|invalid domain|no mx|null mx|does not accept (?:e-?)?mail|refused due to recipient",
                    ErrorCategory.RECIPIENT_REJECTED,
                    "RFC 3463 x.1.1/x.1.2/x.1.6/x.2.1; RFC 5321 550/551/553; RFC 7504 556; Postfix 'User unknown in local recipient table'; "
                            + "sendmail '... User unknown'; Exim 'Unrouteable address'; Gmail 550 5.1.1 'does not exist', 5.2.1 'account that you tried to reach is disabled'; "
                            + "Yahoo 554 'This user doesn't have a yahoo.com account'; Microsoft EXO 5.4.1 'Recipient address rejected: Access denied'; "
                            + "Mimecast 'Invalid Recipient'"),
            // --- the server itself
            rule("server unavailable", "service (?:is )?(?:currently |temporarily )?(?:not available|unavailable)|temporary (?:local )?(?:problem|failure|error)|local error"
                            + "|internal (?:server )?error|system (?:error|busy|full|problem)|resources? (?:temporarily )?unavailable|insufficient (?:system )?(?:resources|disk space|storage)"
                            + "|temporary authentication failure|try again later|please try later|try later|timed? ?out|queue|loop",
                    ErrorCategory.PROVIDER_UNAVAILABLE,
                    "RFC 5321 421 'Service not available', 451 'local error in processing', 452 'insufficient system storage', "
                            + "554 'Transaction failed'; Exim 'Temporary local problem - please try later'; Mimecast 451 'temporarily unavailable'"));

    /** The same rules, indexed by their phrases' first characters: what {@link #match} runs. */
    private static final PhraseIndex INDEX = new PhraseIndex(RULES.stream().map(r -> r.pattern.pattern()).toList());

    private ReplyPhrases() {
    }

    /** The first rule whose phrase the text contains, or null. */
    static Rule match(String replyText) {
        if (replyText == null || replyText.isBlank()) {
            return null;
        }
        int r = INDEX.firstMatch(normalise(replyText));
        return r < 0 ? null : RULES.get(r);
    }

    /** {@link #match}, the slow and obvious way (each rule's whole pattern, {@code find()}): what tests compare with. */
    static Rule matchByScanning(String replyText) {
        if (replyText == null || replyText.isBlank()) {
            return null;
        }
        String text = normalise(replyText);
        for (Rule r : RULES) {
            if (r.pattern.matcher(text).find()) {
                return r;
            }
        }
        return null;
    }

    /**
     * Lower case; addresses ({@code <...>} and {@code local@domain}) blanked; URLs reduced to their host (a help
     * link's path often names a cause). Written out by hand: this runs on every failed reply.
     */
    static String normalise(String text) {
        char[] t = text.toLowerCase(Locale.ROOT).toCharArray();
        int n = t.length;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            if (c == '<') {
                int close = i + 1;
                while (close < n && t[close] != '>' && !Character.isWhitespace(t[close])) {
                    close++;
                }
                if (close < n && t[close] == '>') {
                    java.util.Arrays.fill(t, i, close + 1, ' ');
                    i = close;
                }
            } else if (c == '@') {
                int from = i;
                while (from > 0 && addressChar(t[from - 1])) {
                    from--;
                }
                int to = i + 1;
                while (to < n && addressChar(t[to]) && t[to] != ',' && t[to] != ';') {
                    to++;
                }
                java.util.Arrays.fill(t, from, to, ' ');
                i = to - 1;
            } else if (c == ':' && i + 2 < n && t[i + 1] == '/' && t[i + 2] == '/') {
                int scheme = i;
                while (scheme > 0 && t[scheme - 1] >= 'a' && t[scheme - 1] <= 'z') {
                    scheme--;
                }
                int hostEnd = i + 3;
                while (hostEnd < n && !Character.isWhitespace(t[hostEnd]) && t[hostEnd] != '/' && t[hostEnd] != '?' && t[hostEnd] != '#') {
                    hostEnd++;
                }
                int end = hostEnd;
                while (end < n && !Character.isWhitespace(t[end])) {
                    end++;
                }
                java.util.Arrays.fill(t, scheme, i + 3, ' ');  // "https://" -> blanks, the host stays
                java.util.Arrays.fill(t, hostEnd, end, ' ');   // path, query, fragment -> blanks
                i = end - 1;
            }
        }
        return new String(t);
    }

    private static boolean addressChar(char c) {
        return !Character.isWhitespace(c) && "<>\"'()[]".indexOf(c) < 0;
    }

    static List<Rule> rules() {
        return RULES;
    }

    private static Rule rule(String name, String regex, ErrorCategory category, String source) {
        return new Rule(name, Pattern.compile(regex), category, source);
    }
}
