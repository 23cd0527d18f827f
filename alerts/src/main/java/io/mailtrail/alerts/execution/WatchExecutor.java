package io.mailtrail.alerts.execution;

import io.mailtrail.alerts.action.RenderedEmail;
import io.mailtrail.alerts.cluster.ClusterClient;
import io.mailtrail.alerts.condition.ConditionResult;
import io.mailtrail.alerts.input.SearchInput;
import io.mailtrail.alerts.mail.MailDeliveryException;
import io.mailtrail.alerts.mail.MailMessage;
import io.mailtrail.alerts.mail.MailSender;
import io.mailtrail.alerts.mustache.Templates;
import io.mailtrail.alerts.support.DateMath;
import io.mailtrail.alerts.support.WatchException;
import io.mailtrail.alerts.throttle.ActionOutcome;
import io.mailtrail.alerts.throttle.ActionStatus;
import io.mailtrail.alerts.throttle.Throttler;
import io.mailtrail.alerts.throttle.WatchStatus;
import io.mailtrail.alerts.watch.ActionDefinition;
import io.mailtrail.alerts.watch.Watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs one watch once with Watcher's flow: input → condition → (if met) each action: throttle → action
 * condition → render → send. In check mode nothing is sent and no state changes: actions are rendered only.
 */
public final class WatchExecutor {

    private final ClusterClient cluster;
    private final MailSender mail;
    private final Duration defaultThrottlePeriod;
    private final Consumer<String> log;

    /**
     * @param cluster               where the search inputs run
     * @param mail                  the sender of email actions; null = check mode (render only)
     * @param defaultThrottlePeriod used when neither the action nor the watch sets one
     * @param log                   receives the text of logging actions and one line per failure
     */
    public WatchExecutor(ClusterClient cluster, MailSender mail, Duration defaultThrottlePeriod, Consumer<String> log) {
        this.cluster = cluster;
        this.mail = mail;
        this.defaultThrottlePeriod = defaultThrottlePeriod;
        this.log = log;
    }

    /** The execution model {@code {"ctx": ...}} Watcher builds ({@code Variables.createCtx}); dates as ISO strings with millis. */
    public static Map<String, Object> model(Watch watch, String executionId, Instant executionTime, TriggerEvent trigger,
                                            Map<String, Object> payload) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("id", executionId);
        ctx.put("watch_id", watch.id());
        ctx.put("execution_time", DateMath.format(executionTime));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("triggered_time", DateMath.format(trigger.triggeredTime()));
        t.put("scheduled_time", DateMath.format(trigger.scheduledTime()));
        ctx.put("trigger", t);
        ctx.put("metadata", watch.metadata());
        ctx.put("payload", payload);
        ctx.put("vars", new LinkedHashMap<>());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ctx", ctx);
        return model;
    }

    /** Watcher's execution id form: {@code <watch id>_<uuid>-<execution time>}. */
    public static String executionId(String watchId, Instant executionTime) {
        return watchId + "_" + UUID.randomUUID() + "-" + DateMath.format(executionTime);
    }

    /**
     * Executes the watch.
     *
     * @param status the watch's throttle/ack state, updated in run mode; ignored in check mode
     * @param clock  the clock {@code <{now}>} date math in conditions reads (the execution time for checks and backtests)
     */
    public ExecutionResult execute(Watch watch, TriggerEvent trigger, Instant executionTime, WatchStatus status, Clock clock) {
        String executionId = executionId(watch.id(), executionTime);
        long started = System.nanoTime();
        long took = -1;
        long searchNanos = 0;
        Map<String, Object> payload = new LinkedHashMap<>();
        try {
            switch (watch.inputType()) {
                case "search" -> {
                    SearchInput.Rendered rendered = watch.search().render(model(watch, executionId, executionTime, trigger, Map.of()));
                    long s = System.nanoTime();
                    payload = watch.search().execute(cluster, rendered, executionTime);
                    searchNanos = System.nanoTime() - s;
                    Object t = payload.get("took");
                    took = t instanceof Number n ? n.longValue() : -1;
                }
                case "simple" -> payload = new LinkedHashMap<>(watch.simplePayload());
                case "none" -> { }
                default -> throw new WatchException(WatchException.Phase.EXECUTE, "input type [" + watch.inputType() + "] is not supported by mailtrail (use search or simple)");
            }
        } catch (RuntimeException e) {
            String error = "input: " + WatchException.fullMessage(e);
            log.accept("watch [" + watch.id() + "] " + error);
            return new ExecutionResult(watch.id(), executionId, executionTime, trigger, "failed", null, Map.of(), List.of(), error,
                    took, System.nanoTime() - started - searchNanos);
        }
        Map<String, Object> model = model(watch, executionId, executionTime, trigger, payload);
        ConditionResult condition;
        try {
            condition = watch.condition().evaluate(model, clock);
        } catch (UnsupportedOperationException e) {
            return new ExecutionResult(watch.id(), executionId, executionTime, trigger, "not_evaluable", null, Map.of(), List.of(),
                    "condition: " + e.getMessage(), took, System.nanoTime() - started - searchNanos);
        } catch (RuntimeException e) {
            String error = "condition: " + WatchException.fullMessage(e);
            log.accept("watch [" + watch.id() + "] " + error);
            return new ExecutionResult(watch.id(), executionId, executionTime, trigger, "failed", null, Map.of(), List.of(), error,
                    took, System.nanoTime() - started - searchNanos);
        }
        boolean check = mail == null;
        if (!check) {
            status.onCheck(condition.met(), executionTime);
        }
        if (!condition.met()) {
            return new ExecutionResult(watch.id(), executionId, executionTime, trigger, "execution_not_needed", false,
                    condition.resolvedValues(), List.of(), null, took, System.nanoTime() - started - searchNanos);
        }
        List<ActionResult> actions = new ArrayList<>();
        for (ActionDefinition action : watch.actions()) {
            actions.add(check ? render(watch, action, executionId, model, clock)
                    : run(watch, action, executionId, model, executionTime, status.action(action.id()), clock));
        }
        boolean allThrottled = !actions.isEmpty() && actions.stream().allMatch(a ->
                a.outcome() == ActionOutcome.THROTTLED || a.outcome() == ActionOutcome.ACKNOWLEDGED);
        return new ExecutionResult(watch.id(), executionId, executionTime, trigger, allThrottled ? "throttled" : "executed", true,
                condition.resolvedValues(), actions, null, took, System.nanoTime() - started - searchNanos);
    }

    private ActionResult render(Watch watch, ActionDefinition action, String executionId, Map<String, Object> model, Clock clock) {
        try {
            if (action.condition() != null && !action.condition().evaluate(model, clock).met()) {
                return new ActionResult(action.id(), action.type(), ActionOutcome.CONDITION_FAILED, null, null, null);
            }
            return switch (action.type()) {
                case "email" -> new ActionResult(action.id(), action.type(), null, action.email().render(action.id(), executionId, model), null, null);
                case "logging" -> new ActionResult(action.id(), action.type(), null, null, loggingText(action, model), null);
                default -> new ActionResult(action.id(), action.type(), null, null, null,
                        "action type [" + action.type() + "] is not supported by mailtrail");
            };
        } catch (RuntimeException e) {
            return new ActionResult(action.id(), action.type(), ActionOutcome.FAILURE, null, null, WatchException.fullMessage(e));
        }
    }

    private ActionResult run(Watch watch, ActionDefinition action, String executionId, Map<String, Object> model, Instant now,
                             ActionStatus status, Clock clock) {
        Optional<ActionOutcome> throttled = Throttler.check(status, watch.throttlePeriod(action, defaultThrottlePeriod), now);
        if (throttled.isPresent()) {
            status.onThrottle(now);
            return new ActionResult(action.id(), action.type(), throttled.get(), null, null, null);
        }
        try {
            if (action.condition() != null && !action.condition().evaluate(model, clock).met()) {
                status.resetAck(now);
                return new ActionResult(action.id(), action.type(), ActionOutcome.CONDITION_FAILED, null, null, null);
            }
        } catch (RuntimeException e) {
            status.onExecution(now, false);
            return new ActionResult(action.id(), action.type(), ActionOutcome.FAILURE, null, null, "condition: " + WatchException.fullMessage(e));
        }
        RenderedEmail email = null;
        try {
            switch (action.type()) {
                case "email" -> {
                    email = action.email().render(action.id(), executionId, model);
                    send(email);
                    status.onExecution(now, true);
                    return new ActionResult(action.id(), action.type(), ActionOutcome.EXECUTED, email, null, null);
                }
                case "logging" -> {
                    String text = loggingText(action, model);
                    log.accept("watch [" + watch.id() + "] " + text);
                    status.onExecution(now, true);
                    return new ActionResult(action.id(), action.type(), ActionOutcome.EXECUTED, null, text, null);
                }
                default -> throw new WatchException(WatchException.Phase.EXECUTE, "action type [" + action.type() + "] is not supported by mailtrail");
            }
        } catch (RuntimeException e) {
            status.onExecution(now, false);
            String error = e instanceof MailDeliveryException ? e.getMessage() : WatchException.fullMessage(e);
            log.accept("watch [" + watch.id() + "] action [" + action.id() + "] failed: " + error);
            return new ActionResult(action.id(), action.type(), ActionOutcome.FAILURE, email, null, error);
        }
    }

    private void send(RenderedEmail email) {
        if (email.to().isEmpty() && email.cc().isEmpty() && email.bcc().isEmpty()) {
            throw new WatchException(WatchException.Phase.EXECUTE, "the email has no recipients: set metadata.recipients or the action's [to]");
        }
        MailMessage.Builder m = MailMessage.builder().to(email.to()).cc(email.cc()).bcc(email.bcc()).replyTo(email.replyTo())
                .subject(email.subject()).messageId(email.id());
        if (email.from() != null) {
            m.from(email.from());
        }
        if (email.priority() != null) {
            m.priority(email.priority());
        }
        if (email.text() != null) {
            m.text(email.text());
        }
        if (email.html() != null) {
            m.html(email.html());
        }
        if (email.text() == null && email.html() == null) {
            m.text("");
        }
        mail.send(m.build());
    }

    @SuppressWarnings("unchecked")
    private static String loggingText(ActionDefinition action, Map<String, Object> model) {
        var text = action.body().get("text");
        if (text.isObject()) {
            return Templates.renderText(text.path("source").asText(), (Map<String, Object>) io.mailtrail.alerts.support.Json.model(text.get("params")), model);
        }
        return Templates.renderText(text.asText(), null, model);
    }

    /** A clock fixed at an instant, for conditions evaluated as of a past time. */
    public static Clock fixedClock(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }
}
