package io.mailtrail.alerts.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.action.EmailAction;
import io.mailtrail.alerts.condition.Condition;

import java.util.Optional;

/**
 * One entry of a watch's {@code actions}.
 *
 * @param id                   the action id
 * @param type                 {@code email}, {@code logging}, {@code index}, {@code webhook}, ...
 * @param throttlePeriodMillis the action's own throttle period, if set
 * @param condition            the action's own condition, or null
 * @param foreach              the {@code foreach} path, or null
 * @param maxIterations        {@code max_iterations} (default 100)
 * @param email                the parsed email action when {@code type} is email
 * @param body                 the raw action body
 */
public record ActionDefinition(String id, String type, Long throttlePeriodMillis, Condition condition, String foreach,
                               int maxIterations, EmailAction email, JsonNode body) {

    public Optional<Long> throttlePeriod() {
        return Optional.ofNullable(throttlePeriodMillis);
    }
}
