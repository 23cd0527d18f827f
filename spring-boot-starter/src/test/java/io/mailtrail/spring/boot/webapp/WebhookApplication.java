package io.mailtrail.spring.boot.webapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A plain Boot servlet web application (Tomcat): the webhook endpoints come from properties alone. */
@SpringBootApplication
public class WebhookApplication {
}
