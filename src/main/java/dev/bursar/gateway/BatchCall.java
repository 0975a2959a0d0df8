package dev.bursar.gateway;

import dev.bursar.auth.Principal;
import dev.bursar.controls.Permit;
import java.math.BigDecimal;

/**
 * One line of a batch, run through the normal request path ({@link Gateway#handleBatchLine}) instead of a second one.
 * It differs from a client call in four ways only: the caller is the batch's owner (no credential is sent again),
 * the request id is fixed by the batch (so a resumed run can ask the ledger whether the line was booked), the budgets
 * were reserved when the batch was created ({@code permit}, settled here with the line's exact cost; null when no
 * budget covers it), and every attempt is priced at the catalog's batch prices with the saving against the
 * synchronous price booked as {@code saved_usd}.
 *
 * @param requestId the line's request id, deterministic from batch id and line index
 * @param principal the batch's owner: key and its locked tags
 * @param permit    the line's share of the batch's reservation, or null
 * @param booked    told each booked attempt's cost and saving (the batch keeps running totals)
 */
public record BatchCall(String requestId, Principal principal, Permit permit, Booked booked) {

    /** Receives what each attempt of the line was booked at. */
    @FunctionalInterface
    public interface Booked {
        void attempt(BigDecimal costUsd, BigDecimal savedUsd);
    }
}
