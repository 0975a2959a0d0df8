package dev.bursar.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.cache.CacheOutcome;
import dev.bursar.capture.CaptureStore;
import dev.bursar.capture.CapturedRequest;
import dev.bursar.ledger.AnsweredCall;
import dev.bursar.ledger.AnsweredCallReader;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.PriceCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bursar replay}: the captured requests of a range, joined with the ledger rows that answered them, walked in
 * time order through another policy. Per request: the policy's route picks the model (a learned route asks the
 * scorer), the policy's cache answers it or keeps it, and it is repriced: a hit costs 0; a request that stays on its
 * model costs what it cost; a moved one costs the same recorded tokens at the new model's catalog price at the time
 * of the request. No provider is called.
 */
public final class Replay {

    /**
     * The expected quality change counted for a semantic hit: 1 − the precision of {@code threshold: auto} on the
     * held-out Quora pairs (about 0.95; semantic-threshold.properties): about one hit in twenty gets an answer to a
     * question that was not quite the same. An exact hit gives the same answer to the same request: 0.
     */
    public static final double SEMANTIC_HIT_RISK = 0.05;
    /** How long before the range's start an answered attempt may have started (a capture is made when it ends). */
    private static final Duration ATTEMPT_SLACK = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaptureStore captures;
    private final AnsweredCallReader ledger;
    private final CostCalculator costs;
    private final PriceCatalog catalog;

    public Replay(CaptureStore captures, AnsweredCallReader ledger, PriceCatalog catalog) {
        this.captures = captures;
        this.ledger = ledger;
        this.catalog = catalog;
        this.costs = new CostCalculator(catalog);
    }

    /** Replays the captures made in [{@code from}, {@code to}) through {@code policy}. */
    public ReplayReport run(Instant from, Instant to, ReplayPolicy policy, ReplayScorer scorer) {
        try (ReplayCache cache = ReplayCache.open(policy.cache())) {
            return run(from, to, policy, scorer, cache);
        }
    }

    ReplayReport run(Instant from, Instant to, ReplayPolicy policy, ReplayScorer scorer, ReplayCache cache) {
        policy.checkPriced(catalog);
        Set<String> ids = new HashSet<>();
        captures.forEach(from, to, c -> ids.add(c.requestId()));
        Map<String, AnsweredCall> answered = ledger.answered(from.minus(ATTEMPT_SLACK), to, ids);
        Map<String, Tally> byFeature = new LinkedHashMap<>();
        Tally total = new Tally(null);
        captures.forEach(from, to, c -> {
            AnsweredCall call = answered.get(c.requestId());
            if (call != null) {
                Step step = step(c, call, policy, scorer, cache);
                byFeature.computeIfAbsent(call.attribution().feature(), Tally::new).add(call, step);
                total.add(call, step);
            }
        });
        List<ReplayLine> lines = byFeature.values().stream().map(Tally::line)
                .sorted(Comparator.comparing(ReplayLine::actualUsd).reversed()
                        .thenComparing(l -> l.feature() == null ? "" : l.feature()))
                .toList();
        return new ReplayReport(from, to, scorer.name(), ids.size(), ids.size() - total.requests, lines, total.line(),
                SEMANTIC_HIT_RISK);
    }

    /** What the policy does with one request. */
    private record Step(RouteDecision route, CacheOutcome cache, BigDecimal policyUsd) {
    }

    private Step step(CapturedRequest c, AnsweredCall call, ReplayPolicy policy, ReplayScorer scorer, ReplayCache cache) {
        ObjectNode body = parse(c);
        RouteDecision route = RouteDecision.of(policy, scorer, call, body);
        CacheOutcome outcome = cache.answer(c.at(), c.wire(), c.endpoint(), body, call.attribution(), route.model(),
                call.usage());
        BigDecimal usd;
        if (outcome.hit()) {
            usd = Money.ZERO;
        } else if (route.model().equalsIgnoreCase(call.servedModel())) {
            usd = call.cost();
        } else {
            usd = costs.cost(route.model(), call.usage(), call.at(), false).totalUsd();
        }
        return new Step(route, outcome, usd);
    }

    private static ObjectNode parse(CapturedRequest c) {
        try {
            JsonNode n = JSON.readTree(c.body());
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("capture of " + c.requestId() + " is not a JSON object");
    }

    /** One feature's running sums. */
    private static final class Tally {
        private final String feature;
        private long requests;
        private BigDecimal actual = Money.ZERO;
        private BigDecimal policy = Money.ZERO;
        private long exact;
        private long semantic;
        private long weak;
        private double quality;
        private long unknown;

        Tally(String feature) {
            this.feature = feature;
        }

        void add(AnsweredCall call, Step s) {
            requests++;
            actual = actual.add(call.cost());
            policy = policy.add(s.policyUsd());
            exact += s.cache() == CacheOutcome.HIT_EXACT ? 1 : 0;
            semantic += s.cache() == CacheOutcome.HIT_SEMANTIC ? 1 : 0;
            weak += s.route().weak() ? 1 : 0;
            unknown += s.route().qualityKnown() ? 0 : 1;
            quality += s.route().qualityChange() - (s.cache() == CacheOutcome.HIT_SEMANTIC ? SEMANTIC_HIT_RISK : 0);
        }

        ReplayLine line() {
            return new ReplayLine(feature, requests, actual, policy, exact, semantic, weak, quality, unknown);
        }
    }
}
