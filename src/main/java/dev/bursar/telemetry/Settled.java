package dev.bursar.telemetry;

import dev.bursar.pricing.Usage;
import java.math.BigDecimal;

/**
 * How an attempt ended, as it was booked in the ledger.
 *
 * @param usage         billable tokens (a failed attempt's partial usage, or zero)
 * @param costUsd       the exact cost booked
 * @param httpStatus    the status booked (499 when the client left)
 * @param errorType     the provider error's kind ("upstream_5xx", "timeout", ...), null when it answered
 * @param finishReasons the answer's finish reason in the client's wire vocabulary, null when unknown
 * @param responseModel the model the provider says answered, null when it did not say
 */
public record Settled(Usage usage, BigDecimal costUsd, int httpStatus, String errorType, String finishReasons,
                      String responseModel) {
}
