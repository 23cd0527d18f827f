package io.mailtrail.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad {@code mailtrail.*} property as one line and what to do, instead of a wall of stack traces. */
public class InvalidMailtrailPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMailtrailPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMailtrailPropertyException cause) {
        String action = cause.value() == null || cause.value().isEmpty()
                ? "Set " + cause.property() + " (see the mailtrail-spring-boot-starter README)."
                : "Fix " + cause.property() + " (see the mailtrail-spring-boot-starter README), or remove it for the default.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
