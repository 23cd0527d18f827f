package io.mailtrail.alerts.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.condition.Condition;
import io.mailtrail.alerts.input.SearchInput;
import io.mailtrail.alerts.schedule.Schedule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed watch.
 *
 * @param id                   the watch id (the file name without {@code .json})
 * @param schedule             {@code trigger.schedule}
 * @param inputType            {@code search}, {@code simple}, {@code none} (or an unsupported type, e.g. {@code http})
 * @param search               the search input, when {@code inputType} is search
 * @param simplePayload        the simple input's payload, when {@code inputType} is simple
 * @param condition            the watch condition (always when absent)
 * @param throttlePeriodMillis the watch-level throttle period, if set
 * @param actions              the actions in file order
 * @param metadata             {@code metadata}
 * @param hasTransform         whether the watch has a watch-level transform (not evaluable here)
 * @param source               the watch JSON as read
 */
public record Watch(String id, Schedule schedule, String inputType, SearchInput search, Map<String, Object> simplePayload,
                    Condition condition, Long throttlePeriodMillis, List<ActionDefinition> actions,
                    Map<String, Object> metadata, boolean hasTransform, JsonNode source) {

    /** The throttle period of an action: its own, else the watch's, else {@code fallback}. */
    public Duration throttlePeriod(ActionDefinition action, Duration fallback) {
        if (action.throttlePeriodMillis() != null) {
            return Duration.ofMillis(action.throttlePeriodMillis());
        }
        return throttlePeriodMillis != null ? Duration.ofMillis(throttlePeriodMillis) : fallback;
    }

    public Optional<ActionDefinition> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
