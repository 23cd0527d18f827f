package io.mailtrail.spring.boot.autoconfigure;

import io.mailtrail.spring.boot.webhook.WebhookServlet;
import io.mailtrail.tracker.delivery.DeliveryEventMapper;
import io.mailtrail.tracker.delivery.DeliveryMappers;
import io.mailtrail.tracker.event.DeliveryEventLogger;
import io.mailtrail.tracker.webhook.SnsCertificates;
import io.mailtrail.tracker.webhook.WebhookReceiver;
import io.mailtrail.tracker.webhook.WebhookVerifier;
import io.mailtrail.tracker.webhook.WebhookVerifiers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the {@code mailtrail.webhooks.*} properties into the servlet's endpoints; a missing or bad value becomes one
 * clear line naming the property. A secret is never in a message: a bad one is shown as {@code <hidden>}.
 */
final class WebhookSettings {

    private static final String P = "mailtrail.webhooks.";

    private WebhookSettings() {
    }

    static WebhookServlet servlet(MailtrailProperties.Webhooks w, DeliveryEventLogger logger,
            Supplier<SnsCertificates> certificates) {
        String base = basePath(w.getBasePath());
        Duration tolerance = w.getTolerance();
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new InvalidMailtrailPropertyException(P + "tolerance", String.valueOf(tolerance), "must be positive");
        }
        if (w.getMaxBodySize() == null || w.getMaxBodySize().toBytes() < 1) {
            throw new InvalidMailtrailPropertyException(P + "max-body-size", String.valueOf(w.getMaxBodySize()), "must be at least 1B");
        }
        List<WebhookServlet.Endpoint> endpoints = new ArrayList<>();
        MailtrailProperties.Webhooks.Mailgun mailgun = w.getMailgun();
        if (mailgun.isEnabled()) {
            String key = required("mailgun.signing-key", mailgun.getSigningKey(), "mailgun");
            WebhookVerifier v = build("mailgun", "mailgun.signing-key",
                    () -> WebhookVerifiers.mailgun(key).tolerance(tolerance).build());
            endpoints.add(endpoint("mailgun", base, v, DeliveryMappers::mailgun, logger, 403, null));
        }
        MailtrailProperties.Webhooks.Sendgrid sendgrid = w.getSendgrid();
        if (sendgrid.isEnabled()) {
            String key = required("sendgrid.public-key", sendgrid.getPublicKey(), "sendgrid");
            WebhookVerifier v = build("sendgrid", "sendgrid.public-key",
                    () -> WebhookVerifiers.sendgrid(key).tolerance(tolerance).build());
            endpoints.add(endpoint("sendgrid", base, v, DeliveryMappers::sendgrid, logger, 403, null));
        }
        MailtrailProperties.Webhooks.Ses ses = w.getSes();
        if (ses.isEnabled()) {
            Set<String> topics = new LinkedHashSet<>();
            if (ses.getTopicArns() != null) {
                ses.getTopicArns().stream().filter(t -> t != null && !t.isBlank()).map(String::strip).forEach(topics::add);
            }
            if (topics.isEmpty()) {
                throw missing("ses.topic-arns", "ses");
            }
            for (String t : topics) {
                if (!t.startsWith("arn:aws") || !t.contains(":sns:")) {
                    throw new InvalidMailtrailPropertyException(P + "ses.topic-arns", t,
                            "not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
                }
            }
            WebhookVerifier v = build("ses", "ses.topic-arns",
                    () -> WebhookVerifiers.sns(topics, certificates.get()).tolerance(tolerance).build());
            endpoints.add(endpoint("ses", base, v, DeliveryMappers::ses, logger, 403, null));
        }
        MailtrailProperties.Webhooks.Postmark postmark = w.getPostmark();
        if (postmark.isEnabled()) {
            endpoints.add(postmark(postmark, base, logger));
        }
        return new WebhookServlet(endpoints, w.getMaxBodySize().toBytes());
    }

    private static WebhookServlet.Endpoint postmark(MailtrailProperties.Webhooks.Postmark p, String base, DeliveryEventLogger logger) {
        boolean basic = set(p.getUsername()) || set(p.getPassword());
        boolean header = set(p.getHeaderName()) || set(p.getHeaderSecret());
        if (basic && header) {
            throw new InvalidMailtrailPropertyException(P + "postmark.header-name", p.getHeaderName() == null ? "" : p.getHeaderName(),
                    "give either username and password (basic auth) or header-name and header-secret, not both");
        }
        if (!basic && !header) {
            throw new InvalidMailtrailPropertyException(P + "postmark.username", "",
                    "required when " + P + "postmark.enabled=true, with " + P + "postmark.password"
                            + " (or " + P + "postmark.header-name and " + P + "postmark.header-secret instead)");
        }
        if (basic) {
            String user = required("postmark.username", p.getUsername(), "postmark");
            String password = required("postmark.password", p.getPassword(), "postmark");
            if (user.contains(":")) {
                throw new InvalidMailtrailPropertyException(P + "postmark.username", user, "a basic-auth user cannot contain ':'");
            }
            WebhookVerifier v = build("postmark", "postmark.password", () -> WebhookVerifiers.postmarkBasicAuth(user, password));
            return endpoint("postmark", base, v, DeliveryMappers::postmark, logger, 401, "mailtrail webhooks");
        }
        String name = required("postmark.header-name", p.getHeaderName(), "postmark");
        String secret = required("postmark.header-secret", p.getHeaderSecret(), "postmark");
        WebhookVerifier v = build("postmark", "postmark.header-secret", () -> WebhookVerifiers.postmarkSharedSecret(name, secret));
        return endpoint("postmark", base, v, DeliveryMappers::postmark, logger, 401, null);
    }

    private static WebhookServlet.Endpoint endpoint(String provider, String base, WebhookVerifier verifier,
            Supplier<DeliveryEventMapper> mapper, DeliveryEventLogger logger, int rejectedStatus, String realm) {
        DeliveryEventMapper m;
        try {
            m = mapper.get();
        } catch (IllegalStateException e) {
            throw new InvalidMailtrailPropertyException(P + provider + ".enabled", "true", e.getMessage());
        }
        return new WebhookServlet.Endpoint(provider, base + "/" + provider, new WebhookReceiver(verifier, m, logger),
                rejectedStatus, realm);
    }

    /** A verifier from the tracker; its messages never hold the secret, but a bad secret is still shown hidden. */
    private static WebhookVerifier build(String provider, String property, Supplier<WebhookVerifier> factory) {
        try {
            return factory.get();
        } catch (IllegalStateException e) {
            // jackson-databind missing (the Mailgun and SNS verifiers read JSON)
            throw new InvalidMailtrailPropertyException(P + provider + ".enabled", "true", e.getMessage());
        } catch (IllegalArgumentException e) {
            String value = property.endsWith("topic-arns") ? "" : "<hidden>";
            throw new InvalidMailtrailPropertyException(P + property, value, String.valueOf(e.getMessage()));
        }
    }

    static String basePath(String path) {
        String p = path == null ? "" : path.strip();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("/") || p.chars().anyMatch(c -> c == '*' || c == '?' || c == '#' || c == '{'
                || c == '}' || c == ';' || Character.isWhitespace(c))) {
            throw new InvalidMailtrailPropertyException(P + "base-path", String.valueOf(path),
                    "must be a plain path starting with '/', e.g. /mailtrail/webhooks");
        }
        return p.equals("/") ? "" : p;
    }

    private static String required(String property, String value, String provider) {
        if (!set(value)) {
            throw missing(property, provider);
        }
        return value;
    }

    private static InvalidMailtrailPropertyException missing(String property, String provider) {
        return new InvalidMailtrailPropertyException(P + property, "", "required when " + P + provider + ".enabled=true");
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
