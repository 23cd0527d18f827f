package io.mailtrail.alerts.execution;

import io.mailtrail.alerts.action.RenderedEmail;
import io.mailtrail.alerts.throttle.ActionOutcome;

/**
 * What became of one action.
 *
 * @param id      the action id
 * @param type    the action type
 * @param outcome executed, throttled, acknowledged, condition_failed, failure — or null in check mode (rendered only)
 * @param email   the rendered email (email actions that got that far), or null
 * @param text    the rendered text of a logging action, or null
 * @param error   one line when the action failed, or null
 */
public record ActionResult(String id, String type, ActionOutcome outcome, RenderedEmail email, String text, String error) {
}
