package io.mailtrail.spring.boot;

import io.mailtrail.testsupport.ScriptedSmtpServer;

import java.util.ArrayList;
import java.util.List;

/** The starter README's recipe as an application's properties: its logback-spring.xml, a cluster, a mail server. */
final class ReadmeRecipe {

    private ReadmeRecipe() {
    }

    /** The recipe's properties for a cluster at {@code esUrl}, followed by {@code more}. */
    static String[] properties(String esUrl, String namespace, ScriptedSmtpServer smtp, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "logging.config=classpath:readme/logback-spring.xml",
                // the test class path has a servlet container (WebhookEndpointTest): never the fixed port 8080
                "server.port=0",
                "spring.application.name=shop",
                "mailtrail.elasticsearch.url=" + esUrl,
                "mailtrail.elasticsearch.namespace=" + namespace,
                "spring.mail.host=" + smtp.host(),
                "spring.mail.port=" + smtp.port()));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }
}
