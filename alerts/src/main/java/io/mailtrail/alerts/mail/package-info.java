/**
 * Sending mail over SMTP: {@link io.mailtrail.alerts.mail.SmtpSettings} (host, port, STARTTLS/TLS, auth with the
 * password from the environment), {@link io.mailtrail.alerts.mail.MailMessage} (text and/or HTML with inline CID
 * images and attachments) and {@link io.mailtrail.alerts.mail.SmtpMailSender}. Failures are one
 * {@link io.mailtrail.alerts.mail.MailDeliveryException} line; secrets are never printed.
 */
package io.mailtrail.alerts.mail;
