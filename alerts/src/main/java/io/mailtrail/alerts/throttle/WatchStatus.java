package io.mailtrail.alerts.throttle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The throttle/ack state of one watch's actions, and the watch-level bookkeeping of Watcher's {@code WatchStatus}. */
public final class WatchStatus {

    private final Map<String, ActionStatus> actions = new LinkedHashMap<>();
    private Instant lastChecked;
    private Instant lastMetCondition;

    public WatchStatus(List<String> actionIds) {
        actionIds.forEach(id -> actions.put(id, new ActionStatus()));
    }

    public ActionStatus action(String id) {
        return actions.computeIfAbsent(id, k -> new ActionStatus());
    }

    public Map<String, ActionStatus> actions() {
        return actions;
    }

    /** A check of the watch condition: when it is not met, every action's ack is reset. */
    public void onCheck(boolean met, Instant at) {
        lastChecked = at;
        if (met) {
            lastMetCondition = at;
        } else {
            actions.values().forEach(a -> a.resetAck(at));
        }
    }

    /** Acks actions ({@code _all} for every one); true when any state changed. */
    public boolean ack(List<String> ids, Instant at) {
        boolean changed = false;
        for (Map.Entry<String, ActionStatus> e : actions.entrySet()) {
            if (ids.contains("_all") || ids.contains(e.getKey())) {
                changed |= e.getValue().onAck(at);
            }
        }
        return changed;
    }

    public java.util.Optional<Instant> lastChecked() {
        return java.util.Optional.ofNullable(lastChecked);
    }

    public java.util.Optional<Instant> lastMetCondition() {
        return java.util.Optional.ofNullable(lastMetCondition);
    }

    public void restoreLastChecked(Instant at) {
        this.lastChecked = at;
    }
}
