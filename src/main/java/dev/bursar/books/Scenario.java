package dev.bursar.books;

import dev.bursar.pricing.Cost;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a month's books under a {@link ScenarioFile}: the same ledger sums, changed as the file says, through
 * the same {@link CostToServe} as the margin report, so before and after differ only by the changes.
 */
public final class Scenario {

    private final CostCalculator prices;

    public Scenario(PriceCatalog catalog) {
        this.prices = new CostCalculator(catalog);
    }

    /** Before and after, per customer, from {@code books}' ledger and items for the file's month. */
    public ScenarioReport run(Books books, ScenarioFile file, java.time.YearMonth month) {
        Period period = Period.month(month);
        BooksInput before = books.input(period.from(), period.to(), Books.MODEL_GRAIN);
        BooksInput after = before.withUsage(changedUsage(before.usage(), file, period.from())).withPlans(changedPlans(before, file));
        MarginReport b = MarginRows.report(CostToServe.of(before), MarginGroup.CUSTOMER, file.targetMarginPct());
        MarginReport a = MarginRows.report(CostToServe.of(after), MarginGroup.CUSTOMER, file.targetMarginPct());
        MarginReport aByPlan = MarginRows.report(CostToServe.of(after), MarginGroup.PLAN, file.targetMarginPct());
        return ScenarioReport.of(month, file.targetMarginPct(), b, a, BreakEven.of(aByPlan, after));
    }

    private static Map<String, Plan> changedPlans(BooksInput in, ScenarioFile file) {
        Map<String, Plan> plans = new LinkedHashMap<>(in.plans());
        file.plans().forEach(p -> {
            Plan old = plans.get(p.name());
            if (old == null) {
                throw new IllegalArgumentException("scenario plans: no plan named '" + p.name() + "' (plans: " + plans.keySet() + ")");
            }
            plans.put(p.name(), new Plan(p.name(), p.monthlyUsd(), p.perSeatUsd(), p.includedRequests(), p.overageUsd(),
                    old.freeTier(), p.targetMarginPct() == null ? old.targetMarginPct() : p.targetMarginPct(), old.fromFile()));
        });
        return plans;
    }

    List<UsageCell> changedUsage(List<UsageCell> cells, ScenarioFile file, Instant at) {
        List<UsageCell> out = new ArrayList<>();
        for (UsageCell c : cells) {
            List<UsageCell> parts = List.of(grown(c, file));
            for (ScenarioFile.Switch s : file.switchModel()) {
                parts = parts.stream().flatMap(p -> switched(p, s, at).stream()).toList();
            }
            for (UsageCell p : parts) {
                out.add(cached(repriced(p, file), file));
            }
        }
        return out;
    }

    private static UsageCell grown(UsageCell c, ScenarioFile file) {
        BigDecimal factor = BigDecimal.ONE;
        for (ScenarioFile.Growth g : file.growth()) {
            if ((g.feature() == null || g.feature().equals(c.feature())) && (g.customer() == null || g.customer().equals(c.customer()))) {
                factor = factor.multiply(g.factor());
            }
        }
        return factor.compareTo(BigDecimal.ONE) == 0 ? c : scaled(c, factor, factor);
    }

    /** The cell with usage and cost multiplied by {@code usage} and {@code cost} (counts rounded half-up). */
    private static UsageCell scaled(UsageCell c, BigDecimal usage, BigDecimal cost) {
        Usage t = c.tokens();
        Usage u = new Usage(times(t.inputTokens(), usage), times(t.cachedInputTokens(), usage), times(t.cacheWrite5mTokens(), usage),
                times(t.cacheWrite1hTokens(), usage), times(t.outputTokens(), usage), times(t.reasoningTokens(), usage));
        return c.withUsage(times(c.requests(), usage), times(c.attempts(), usage), u, money(c.costUsd().multiply(cost)),
                money(c.failedCostUsd().multiply(cost)));
    }

    /** The part of a feature's calls on {@code from} that moves to {@code to}, repriced at the catalog's prices. */
    private List<UsageCell> switched(UsageCell c, ScenarioFile.Switch s, Instant at) {
        if (!c.model().equals(s.from()) || (s.feature() != null && !s.feature().equals(c.feature())) || s.share().signum() == 0) {
            return List.of(c);
        }
        UsageCell moving = s.share().compareTo(BigDecimal.ONE) == 0 ? c : scaled(c, s.share(), s.share());
        Usage t = moving.tokens();
        Usage u = new Usage(t.inputTokens(), t.cachedInputTokens(), t.cacheWrite5mTokens(), t.cacheWrite1hTokens(),
                times(t.outputTokens(), s.outputRatio()), times(t.reasoningTokens(), s.outputRatio()));
        Cost cost = prices.cost(s.to(), u, at, false);
        if (!cost.priced()) {
            throw new IllegalArgumentException("switch-model: the catalog has no price for '" + s.to() + "'");
        }
        BigDecimal failedShare = moving.costUsd().signum() == 0 ? BigDecimal.ZERO
                : moving.failedCostUsd().divide(moving.costUsd(), 12, RoundingMode.HALF_EVEN);
        UsageCell moved = new UsageCell(c.customer(), c.feature(), c.environment(), s.to(), c.provider(), moving.requests(),
                moving.attempts(), u, cost.totalUsd(), money(cost.totalUsd().multiply(failedShare)), BigDecimal.ZERO);
        if (s.share().compareTo(BigDecimal.ONE) == 0) {
            return List.of(moved);
        }
        BigDecimal rest = BigDecimal.ONE.subtract(s.share());
        return List.of(scaled(c, rest, rest), moved);
    }

    private static UsageCell repriced(UsageCell c, ScenarioFile file) {
        BigDecimal factor = BigDecimal.ONE;
        for (ScenarioFile.PriceChange p : file.priceChange()) {
            if (c.model().equals(p.model()) || c.provider().equals(p.provider())) {
                factor = factor.multiply(p.factor());
            }
        }
        return factor.compareTo(BigDecimal.ONE) == 0 ? c
                : c.withCosts(money(c.costUsd().multiply(factor)), money(c.failedCostUsd().multiply(factor)));
    }

    /** Hits of Bursar's exact cache cost nothing: the paid share of the feature's cost falls by the hit rate. */
    private static UsageCell cached(UsageCell c, ScenarioFile file) {
        for (ScenarioFile.Cache k : file.cache()) {
            if (k.feature() == null || k.feature().equals(c.feature())) {
                BigDecimal paid = BigDecimal.ONE.subtract(k.hitRate());
                c = c.withCosts(money(c.costUsd().multiply(paid)), money(c.failedCostUsd().multiply(paid)));
            }
        }
        return c;
    }

    private static long times(long n, BigDecimal factor) {
        return BigDecimal.valueOf(n).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal money(BigDecimal usd) {
        return usd.setScale(Money.SCALE, RoundingMode.HALF_EVEN);
    }
}
