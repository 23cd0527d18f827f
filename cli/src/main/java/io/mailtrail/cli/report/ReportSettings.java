package io.mailtrail.cli.report;

import io.mailtrail.alerts.mail.SmtpSecurity;
import io.mailtrail.alerts.mail.SmtpSettings;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Console;
import io.mailtrail.cli.Option;
import io.mailtrail.reports.ReportPeriod;
import io.mailtrail.reports.TimeExpression;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Namespaces;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code mailtrail report}, read and checked: every mistake is one usage line naming the
 * option and the value.
 *
 * @param period          the period reported on
 * @param comparePrevious also read the period of the same length before, and list regressions
 * @param namespace       data stream namespace
 * @param out             the HTML file; the JSON summary goes beside it ({@link #summaryFile()})
 * @param recipients      addresses to email the report to; empty: no email
 * @param smtp            how to send it, present when {@code recipients} is not empty
 */
public record ReportSettings(ReportPeriod period, boolean comparePrevious, String namespace, Path out, List<String> recipients,
                             Optional<SmtpSettings> smtp) {

    static final String DEFAULT_FROM = "now-7d";
    static final String DEFAULT_TO = "now";
    static final String DEFAULT_OUT = "report.html";

    /** The report's own options; the connection options come from {@code ConnectionOptions.OPTIONS}. */
    static final List<Option> OPTIONS = List.of(
            Option.valued("from", "TIME", "start of the period: now-7d, now-24h, 2026-11-23 or 2026-11-23T00:00:00Z (default " + DEFAULT_FROM + ")"),
            Option.valued("to", "TIME", "end of the period, excluded; same forms (default " + DEFAULT_TO + ")"),
            Option.flag("compare-previous", "also report the period of the same length before, side by side, and list what got notably worse"),
            Option.valued("namespace", "NAME", "data stream namespace to report on (default " + Dataset.DEFAULT_NAMESPACE + ")"),
            Option.valued("out", "FILE", "the self-contained HTML file to write; the JSON summary goes beside it as <name>.json (default " + DEFAULT_OUT + ")"),
            Option.valued("email", "ADDRESSES", "also email the report to these comma-separated addresses (needs --smtp-host and --smtp-from, or MAILTRAIL_SMTP_*)"),
            Option.valued("smtp-host", "HOST", "SMTP server (default: environment variable MAILTRAIL_SMTP_HOST)"),
            Option.valued("smtp-port", "PORT", "SMTP port (default: MAILTRAIL_SMTP_PORT, else 25, 587 or 465 by --smtp-security)"),
            Option.valued("smtp-security", "MODE", "none, starttls (required) or tls (default: MAILTRAIL_SMTP_SECURITY, else starttls)"),
            Option.valued("smtp-user", "USER", "SMTP AUTH user; the password is read from MAILTRAIL_SMTP_PASSWORD only (default: MAILTRAIL_SMTP_USER)"),
            Option.valued("smtp-from", "ADDRESS", "sender address (default: MAILTRAIL_SMTP_FROM)"),
            Option.valued("smtp-ssl-trust", "HOSTS", "hosts whose certificate is trusted unchecked, * for all; test servers only (default: MAILTRAIL_SMTP_SSL_TRUST)"));

    public static ReportSettings from(Arguments args, Console console, Instant now) {
        Instant from = time(args, "from", DEFAULT_FROM, now);
        Instant to = time(args, "to", DEFAULT_TO, now);
        if (!from.isBefore(to)) {
            throw CliException.usage("--from " + args.value("from").orElse(DEFAULT_FROM) + " (" + from + ") is not before --to "
                    + args.value("to").orElse(DEFAULT_TO) + " (" + to + ")");
        }
        String namespace = args.value("namespace").orElse(Dataset.DEFAULT_NAMESPACE);
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--namespace: " + e.getMessage());
        }
        Path out = Path.of(args.value("out").orElse(DEFAULT_OUT));
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".html")) {
            throw CliException.usage("--out " + out + ": the report is HTML, name the file <something>.html (the summary goes beside it as .json)");
        }
        List<String> recipients = args.value("email").map(v -> recipients("email", v)).orElse(List.of());
        Optional<SmtpSettings> smtp = recipients.isEmpty() ? Optional.empty() : Optional.of(smtp(args, console));
        return new ReportSettings(new ReportPeriod(from, to), args.flag("compare-previous"), namespace, out, recipients, smtp);
    }

    /** {@code report.html} → {@code report.json}, beside it. */
    public Path summaryFile() {
        String name = out.getFileName().toString();
        return out.resolveSibling(name.substring(0, name.length() - ".html".length()) + ".json");
    }

    private static Instant time(Arguments args, String option, String fallback, Instant now) {
        String value = args.value(option).orElse(fallback);
        try {
            return TimeExpression.parse(value, now);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--" + option + " " + e.getMessage());
        }
    }

    /**
     * Reads a comma-separated list of addresses given to {@code --<option>}.
     *
     * @throws CliException (usage) naming the option and the address that is wrong
     */
    public static List<String> recipients(String option, String value) {
        List<String> out = new ArrayList<>();
        for (String s : Arrays.asList(value.split(","))) {
            String a = s.trim();
            if (a.isEmpty()) {
                continue;
            }
            if (!a.matches("[^@\\s<>,]+@[^@\\s<>,]+")) {
                throw CliException.usage("--" + option + ": '" + a + "' is no email address (e.g. ops@example.com)");
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw CliException.usage("--" + option + ": no address given (e.g. --" + option + " ops@example.com,lead@example.com)");
        }
        return List.copyOf(out);
    }

    private static SmtpSettings smtp(Arguments args, Console console) {
        String host = option(args, console, "smtp-host", "MAILTRAIL_SMTP_HOST")
                .orElseThrow(() -> CliException.usage("--email needs an SMTP server: --smtp-host HOST (or MAILTRAIL_SMTP_HOST)"));
        String from = option(args, console, "smtp-from", "MAILTRAIL_SMTP_FROM")
                .orElseThrow(() -> CliException.usage("--email needs a sender address: --smtp-from ADDRESS (or MAILTRAIL_SMTP_FROM)"));
        try {
            SmtpSettings.Builder b = SmtpSettings.builder().host(host).from(from);
            option(args, console, "smtp-security", "MAILTRAIL_SMTP_SECURITY").ifPresent(v -> b.security(SmtpSecurity.parse("--smtp-security", v)));
            option(args, console, "smtp-port", "MAILTRAIL_SMTP_PORT").ifPresent(v -> b.port(SmtpSettings.parsePort("--smtp-port", v)));
            option(args, console, "smtp-user", "MAILTRAIL_SMTP_USER").ifPresent(b::username);
            console.env(SmtpSettings.PASSWORD_VARIABLE).ifPresent(b::password);
            option(args, console, "smtp-ssl-trust", "MAILTRAIL_SMTP_SSL_TRUST").ifPresent(b::sslTrust);
            SmtpSettings settings = b.build();
            if (settings.username().isPresent() && !settings.hasPassword()) {
                throw CliException.usage("--smtp-user " + settings.username().get() + " needs a password: set " + SmtpSettings.PASSWORD_VARIABLE);
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static Optional<String> option(Arguments args, Console console, String option, String variable) {
        return args.value(option).or(() -> console.env(variable));
    }

    /** Recipients are personal data: counted, not shown. */
    @Override
    public String toString() {
        return "ReportSettings[" + period + ", compare=" + comparePrevious + ", namespace=" + namespace + ", out=" + out
                + ", recipients=" + recipients.size() + ", smtp=" + smtp.map(SmtpSettings::toString).orElse("none") + "]";
    }
}
