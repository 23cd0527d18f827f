package io.mailtrail.alerts.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.cluster.ClusterException;
import io.mailtrail.alerts.execution.ActionResult;
import io.mailtrail.alerts.execution.ExecutionResult;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.throttle.AckState;
import io.mailtrail.alerts.throttle.ActionOutcome;
import io.mailtrail.alerts.throttle.ActionStatus;
import io.mailtrail.alerts.throttle.WatchStatus;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's history, like Watcher's {@code .watcher-history-*}: one document per execution in the data
 * stream {@code logs-mailtrail.alerts-<namespace>}, carrying the actions' throttle/ack state so that a
 * restarted engine throttles as the stopped one would have.
 */
public final class HistoryStore {

    /** The dataset of the history data stream (the catalog's {@link Dataset#ALERTS}). */
    public static final String DATASET = Dataset.ALERTS.datasetName();

    private final ClusterClient cluster;
    private final String namespace;

    public HistoryStore(ClusterClient cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    public String dataStream() {
        return Dataset.TYPE + "-" + DATASET + "-" + namespace;
    }

    /** Writes one execution with the watch's state after it. */
    public void record(ExecutionResult r, WatchStatus status) {
        cluster.request("POST", "/" + dataStream() + "/_doc", Map.of("op_type", "create", "refresh", "true"), Json.write(document(r, status)));
    }

    /** The history document of an execution. */
    public Map<String, Object> document(ExecutionResult r, WatchStatus status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(Fields.TIMESTAMP.name(), DateMath.format(r.executionTime()));
        d.put(Fields.DATA_STREAM_TYPE.name(), "logs");
        d.put(Fields.DATA_STREAM_DATASET.name(), DATASET);
        d.put(Fields.DATA_STREAM_NAMESPACE.name(), namespace);
        d.put(Fields.EVENT_DATASET.name(), DATASET);
        d.put(Fields.EVENT_ACTION.name(), r.state());
        d.put(Fields.EVENT_OUTCOME.name(), r.error() == null && r.actions().stream().noneMatch(a -> a.outcome() == ActionOutcome.FAILURE) ? "success" : "failure");
        d.put(Fields.EVENT_DURATION.name(), r.engineNanos());
        d.put(Fields.MESSAGE.name(), summary(r));
        if (r.error() != null) {
            d.put(Fields.ERROR_MESSAGE.name(), r.error());
        }
        d.put(HistoryFields.WATCH_ID, r.watchId());
        d.put(HistoryFields.EXECUTION_ID, r.executionId());
        d.put(HistoryFields.SCHEDULED_TIME, DateMath.format(r.trigger().scheduledTime()));
        if (r.met() != null) {
            d.put(HistoryFields.CONDITION_MET, r.met());
        }
        d.put(HistoryFields.VALUES, Json.write(r.resolvedValues()));
        if (r.searchTookMillis() >= 0) {
            d.put(HistoryFields.SEARCH_TOOK, r.searchTookMillis());
        }
        put(d, HistoryFields.ACTIONS_EXECUTED, ids(r.actions(), ActionOutcome.EXECUTED));
        put(d, HistoryFields.ACTIONS_THROTTLED, ids(r.actions(), ActionOutcome.THROTTLED, ActionOutcome.ACKNOWLEDGED));
        put(d, HistoryFields.ACTIONS_FAILED, ids(r.actions(), ActionOutcome.FAILURE));
        Map<String, Object> state = new LinkedHashMap<>();
        status.actions().forEach((id, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ack", s.ackState().id());
            s.lastSuccessfulExecution().ifPresent(t -> m.put("last_successful_execution", DateMath.format(t)));
            s.lastExecution().ifPresent(t -> m.put("last_execution", DateMath.format(t)));
            state.put(id, m);
        });
        d.put(HistoryFields.STATE, Json.write(state));
        return d;
    }

    private static void put(Map<String, Object> d, String name, List<String> ids) {
        if (!ids.isEmpty()) {
            d.put(name, ids);
        }
    }

    private static List<String> ids(List<ActionResult> actions, ActionOutcome... outcomes) {
        List<ActionOutcome> wanted = List.of(outcomes);
        return actions.stream().filter(a -> wanted.contains(a.outcome())).map(ActionResult::id).toList();
    }

    private static String summary(ExecutionResult r) {
        StringBuilder s = new StringBuilder(r.watchId()).append(": ").append(r.state());
        r.actions().forEach(a -> s.append(", ").append(a.id()).append(' ').append(a.outcome() == null ? "rendered" : a.outcome().id()));
        if (r.error() != null) {
            s.append(": ").append(r.error());
        }
        return s.toString();
    }

    /**
     * The state of a watch after its latest recorded execution, if any: the actions' ack state and last
     * successful execution, and when it was last checked.
     */
    public Optional<WatchStatus> restore(String watchId, List<String> actionIds) {
        String query = Json.write(Map.of("size", 1, "sort", List.of(Map.of(Fields.TIMESTAMP.name(), "desc")),
                // match_phrase, not term: setup's template maps the id as a keyword (match_phrase is then exact), but
                // where the history was written before setup ran (dynamic mapping) the id is a text field, and a
                // term query would never find it.
                "query", Map.of("match_phrase", Map.of(HistoryFields.WATCH_ID, watchId))));
        JsonNode response;
        try {
            response = cluster.request("POST", "/" + dataStream() + "/_search", Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), query);
        } catch (ClusterException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode hits = response.path("hits").path("hits");
        if (hits.size() == 0) {
            return Optional.empty();
        }
        JsonNode source = hits.get(0).path("_source");
        WatchStatus status = new WatchStatus(actionIds);
        status.restoreLastChecked(DateMath.parseDate(source.path(Fields.TIMESTAMP.name()).asText()));
        JsonNode state = Json.parse(source.path(HistoryFields.STATE).asText("{}"));
        for (String id : actionIds) {
            JsonNode s = state.path(id);
            if (s.isMissingNode()) {
                continue;
            }
            Instant success = s.has("last_successful_execution") ? DateMath.parseDate(s.get("last_successful_execution").asText()) : null;
            Instant last = s.has("last_execution") ? DateMath.parseDate(s.get("last_execution").asText()) : null;
            status.actions().put(id, new ActionStatus(AckState.of(s.path("ack").asText("awaits_successful_execution")), success, last));
        }
        return Optional.of(status);
    }
}
