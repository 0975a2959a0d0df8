package dev.bursar.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.controls.CallFacts;
import dev.bursar.controls.Permit;
import dev.bursar.controls.SpendControl;
import dev.bursar.controls.SpendRefused;
import dev.bursar.ledger.Endpoint;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.routing.Route;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.ClientWire;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The budgets step: before any token is bought, work out the most this call can cost and ask the spend controls for
 * room. A refusal becomes an error the client's SDK understands and does not retry.
 */
final class Admission {

    /** Tokenizers of other vendors are private: their local counts get this much head-room so a reservation stays an upper bound. */
    private static final int ESTIMATE_MARGIN_PERCENT = 25;
    private static final int ESTIMATE_MARGIN_TOKENS = 32;

    private final SpendControl control;
    private final CostCalculator costs;
    private final PriceCatalog catalog;
    private final long outputCeiling;

    Admission(SpendControl control, CostCalculator costs, PriceCatalog catalog, long outputCeiling) {
        this.control = control;
        this.costs = costs;
        this.catalog = catalog;
        this.outputCeiling = outputCeiling;
    }

    /** Whether any control applies to this call at all. */
    boolean needed(Route route, Attribution attribution) {
        for (Route candidate : route.candidates()) {
            if (control.covers(attribution, candidate.priceModel())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reserves for the dearest candidate of the route, once, before the first attempt. Re-checking when the loop moves
     * to a dearer fallback would refuse a client mid-request, after its failed attempts were already paid for, and
     * would make a second round trip to the budget counters on exactly the path that is already slow; reserving the
     * worst case up front costs only headroom (the unused part is released when the request settles).
     */
    Permit admit(Inbound in, Route route, Attribution attribution, Instant at) {
        CallFacts facts = facts(in, route, attribution, at);
        for (Route fallback : route.fallbacks()) {
            CallFacts f = facts(in, fallback, attribution, at);
            if (f.worstCaseUsd().compareTo(facts.worstCaseUsd()) > 0) {
                facts = f;
            }
        }
        try {
            return control.admit(facts);
        } catch (SpendRefused refused) {
            throw refusal(refused);
        }
    }

    void settle(Permit permit, BigDecimal actualUsd, long actualTokens) {
        control.settle(permit, actualUsd, actualTokens);
    }

    CallFacts facts(Inbound in, Route route, Attribution attribution, Instant at) {
        TokenCounter counter = TokenCounter.forModel(route.priceModel());
        JsonNode body = in.body();
        long prompt = promptTokens(in, counter);
        if (!counter.exact()) {
            prompt = prompt + prompt * ESTIMATE_MARGIN_PERCENT / 100 + ESTIMATE_MARGIN_TOKENS;
        }
        long maxOutput = in.endpoint() == Endpoint.EMBEDDINGS ? 0 : maxOutput(body, route);
        int choices = Math.max(1, body.path("n").asInt(1));
        // The dearest way to pay for a prompt is writing it to a 1-hour cache; the price falls back to plain input
        // where a model has no cache-write price, so this is an upper bound for every provider.
        Usage worst = new Usage(prompt, 0, 0, prompt, maxOutput * choices, 0);
        BigDecimal worstUsd = costs.cost(route.priceModel(), worst, at, false).totalUsd();
        return new CallFacts(attribution, route.priceModel(), prompt, maxOutput * choices, worstUsd, at);
    }

    /** The request's prompt counted locally, as the provider would bill its input (rule routing counts the same way). */
    static long promptTokens(Inbound in, TokenCounter counter) {
        JsonNode body = in.body();
        return switch (in.endpoint()) {
            case EMBEDDINGS -> countInput(counter, body.path("input"));
            case CHAT, MESSAGES -> in.wire() == ClientWire.ANTHROPIC ? counter.countAnthropicPrompt(body) : counter.countOpenAiPrompt(body);
        };
    }

    private long maxOutput(JsonNode body, Route route) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
            if (body.path(field).canConvertToLong() && body.path(field).asLong() > 0) {
                return body.path(field).asLong();
            }
        }
        long modelMax = catalog.model(route.priceModel()).map(ModelInfo::maxOutputTokens).filter(m -> m > 0).orElse(outputCeiling);
        return Math.min(modelMax, outputCeiling);
    }

    private static long countInput(TokenCounter counter, JsonNode input) {
        if (input.isTextual()) {
            return counter.count(input.asText());
        }
        long total = 0;
        for (JsonNode item : input) {
            total += item.isTextual() ? counter.count(item.asText()) : item.isArray() ? item.size() : 0;
        }
        return total;
    }

    private static ApiError refusal(SpendRefused refused) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Stainless-generated SDKs (OpenAI's and Anthropic's) honour this and do not retry a refusal that will repeat.
        headers.put("x-should-retry", "false");
        return switch (refused.reason()) {
            case SpendRefused.Reason.BudgetExceeded b -> {
                String message = "Budget '" + b.budget() + "' (" + describe(b.scope(), b.match()) + ", " + b.window()
                        + ") has no room for this call: $" + plain(b.spentUsd()) + " spent and $" + plain(b.reservedUsd())
                        + " reserved by calls in flight, of $" + plain(b.limitUsd()) + "; this call could cost up to $"
                        + plain(b.worstCaseUsd()) + ". It resets at " + (b.resetsAt() == null ? "never (lifetime budget)" : b.resetsAt())
                        + ". Lower max_tokens, or raise the budget (bursar budgets set).";
                ObjectNode details = JsonNodeFactory.instance.objectNode();
                details.put("budget", b.budget());
                details.put("scope", b.scope());
                details.put("value", b.match());
                details.put("window", b.window());
                details.put("limit_usd", b.limitUsd().toPlainString());
                details.put("spent_usd", b.spentUsd().toPlainString());
                details.put("reserved_usd", b.reservedUsd().toPlainString());
                details.put("worst_case_usd", b.worstCaseUsd().toPlainString());
                details.put("resets_at", b.resetsAt() == null ? null : b.resetsAt().toString());
                yield new ApiError(429, "insufficient_quota", "budget_exceeded", null, message).withHeaders(headers).withDetails(details);
            }
            case SpendRefused.Reason.RateLimited r -> {
                headers.put("x-should-retry", "true");
                long seconds = Math.max(1, (r.retryAfterMillis() + 999) / 1000);
                headers.put("retry-after", String.valueOf(seconds));
                headers.put("retry-after-ms", String.valueOf(r.retryAfterMillis()));
                headers.putAll(RateLimitHeaders.of(r.status()));
                String message = "Rate limit of " + r.limit() + " " + r.kind() + " per minute for " + describe(r.scope(), r.match())
                        + " reached. Try again in " + seconds + " s.";
                yield new ApiError(429, r.kind(), "rate_limit_exceeded", null, message).withHeaders(headers);
            }
            case SpendRefused.Reason.StoreUnavailable s -> new ApiError(503, "api_error", "budget_store_unavailable", null,
                    "Budget '" + s.budget() + "' cannot be checked (" + s.message() + ") and is set to fail closed, so the call was"
                            + " not made. Check that Redis is reachable, or set on-store-down: open for this budget.").withHeaders(headers);
        };
    }

    private static String describe(String scope, String match) {
        return scope.equals("global") ? "all traffic" : scope + " " + match;
    }

    private static String plain(BigDecimal usd) {
        BigDecimal v = usd.scale() > 6 ? usd.setScale(6, RoundingMode.UP) : usd;
        return v.stripTrailingZeros().toPlainString();
    }
}
