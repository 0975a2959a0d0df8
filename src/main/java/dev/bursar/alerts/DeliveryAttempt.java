package dev.bursar.alerts;

import java.time.Instant;

/**
 * One recorded webhook call.
 *
 * @param event      "fired" or "resolved"
 * @param webhook    the webhook's position in config and its origin ("#0 http://127.0.0.1:9999"); never the path
 * @param httpStatus the receiver's status, 0 when no response came
 * @param error      why it failed (null when delivered)
 */
public record DeliveryAttempt(String alertId, String event, String webhook, int attempt, Instant at, int httpStatus,
                              String error, boolean delivered) {
}
