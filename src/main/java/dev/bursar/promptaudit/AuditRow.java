package dev.bursar.promptaudit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One feature's prompt version in {@code bursar audit prompts}.
 *
 * @param calls                  billed chat attempts
 * @param daysActive             UTC days with at least one of them
 * @param systemPrompts          distinct system prompts (with tools) seen under this version: more than one means the
 *                               prompt changed without a new version tag
 * @param systemTokens           mean system prompt and tools tokens per call, to one decimal
 * @param systemTokensTotal      summed over the calls
 * @param inputCostUsd           what the calls' input cost, at the catalog prices in force at each call
 * @param systemCostUsd          the system prompt's part of it
 * @param systemShareOfInputPct  systemCostUsd / inputCostUsd
 * @param dailyCalls             calls / daysActive
 * @param monthlySystemCostUsd   systemCostUsd / daysActive × 30: the article's "system tokens × daily queries × 30 ×
 *                               price", from the ledger
 * @param unpricedCalls          calls whose model the catalog cannot price (tokens counted, no cost)
 * @param growth                 against the version of the same feature first seen before this one
 */
public record AuditRow(String feature, String promptVersion, Instant firstSeen, Instant lastSeen, long calls,
                       long daysActive, int systemPrompts, BigDecimal systemTokens, long systemTokensTotal,
                       long conversationTokens, long lastUserTokens, long inputTokens, BigDecimal inputCostUsd,
                       BigDecimal systemCostUsd, BigDecimal systemShareOfInputPct, BigDecimal dailyCalls,
                       BigDecimal monthlySystemCostUsd, long unpricedCalls, Optional<Growth> growth) {

    /**
     * @param previousVersion       the version this one is compared with
     * @param systemTokensChange    mean system tokens, this version minus the previous one
     * @param systemTokensGrowthPct that change in percent of the previous version's mean
     * @param monthlyCostChangeUsd  monthly system prompt cost, this version minus the previous one
     */
    public record Growth(String previousVersion, BigDecimal systemTokensChange, BigDecimal systemTokensGrowthPct,
                         BigDecimal monthlyCostChangeUsd) {
    }
}
