package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import dev.bursar.config.BursarConfig;
import dev.bursar.controls.CallFacts;
import dev.bursar.controls.Permit;
import dev.bursar.controls.RateLimitStatus;
import dev.bursar.controls.SpendControl;
import dev.bursar.controls.SpendRefused;
import dev.bursar.ledger.Ledger;
import dev.bursar.redis.RedisPipe;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Budgets as a {@link SpendControl}: {@link #admit} reserves the call's worst case against every budget that applies
 * (hard ones refuse, soft ones only count), {@link #settle} books the exact cost and reports alert thresholds crossed.
 * When the counter store is down, each budget's {@code on-store-down} decides: closed refuses, open lets the call
 * through uncounted; both are reported to {@link BudgetEvents}.
 */
public final class BudgetControl implements SpendControl {

    private final BudgetBook budgets;
    private final BudgetCounters counters;
    private final BudgetEvents events;
    private final Clock clock;

    public BudgetControl(BudgetBook budgets, BudgetCounters counters, BudgetEvents events) {
        this(budgets, counters, events, Clock.systemUTC());
    }

    /** {@code clock} only dates {@link #status()}; calls are placed in windows by {@link CallFacts#at()}. */
    public BudgetControl(BudgetBook budgets, BudgetCounters counters, BudgetEvents events, Clock clock) {
        this.budgets = budgets;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The wiring for a configuration: counters in Redis when {@code redis} is configured (replicas share them), in
     * process otherwise; both start new windows from the ledger. Budgets come from the config and from {@code store}.
     */
    public static BudgetControl forConfig(BursarConfig config, BudgetStore store, Ledger ledger, BudgetEvents events) {
        StartingSpend starting = StartingSpend.fromLedger(ledger);
        BudgetCounters counters = config.redis() == null
                ? new InProcessBudgetCounters(starting)
                : new RedisBudgetCounters(config.redis(), starting);
        return new BudgetControl(new BudgetBook(config.budgets(), store), counters, events);
    }

    /**
     * The gateway's wiring: as {@link #forConfig(BursarConfig, BudgetStore, Ledger, BudgetEvents)}, on a Redis connection the
     * caller shares and closes, with leases ({@link LeasedBudgetCounters}) so that most calls make no round trip.
     */
    public static BudgetControl forConfig(BursarConfig config, BudgetStore store, Ledger ledger, BudgetEvents events, RedisPipe redis) {
        StartingSpend starting = StartingSpend.fromLedger(ledger);
        BudgetCounters counters = redis == null
                ? new InProcessBudgetCounters(starting)
                : new LeasedBudgetCounters(new RedisBudgetCounters(redis, config.redis().keyPrefix(), starting));
        return new BudgetControl(new BudgetBook(config.budgets(), store), counters, events);
    }

    /** The permit's handle: what {@link #settle} books against. */
    private record Held(Reservation reservation, List<BudgetBook.Applicable> applicable) {
        /** Whether any of the budgets alerts at thresholds: only then does a settle need the totals after it. */
        boolean alerts() {
            for (BudgetBook.Applicable a : applicable) {
                if (!a.config().alertAt().isEmpty()) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public boolean covers(dev.bursar.attribution.Attribution who, String model) {
        return budgets.anyApplies(new CallFacts(who, model, 0, 0, BigDecimal.ZERO, clock.instant()));
    }

    @Override
    public Permit admit(CallFacts facts) {
        return SpendControl.await(admitLater(facts));
    }

    /** Admitted from this replica's leases when every budget's has room; null otherwise (and for bad facts). */
    @Override
    public Permit admitAtOnce(CallFacts facts) {
        if (facts.worstCaseUsd() == null || facts.worstCaseUsd().signum() < 0) {
            return null;
        }
        List<BudgetBook.Applicable> applicable = budgets.applicable(facts);
        if (applicable.isEmpty()) {
            return new Permit(ReservationIds.next(), new Held(null, List.of()), RateLimitStatus.NONE);
        }
        List<BudgetKey> keys = new ArrayList<>(applicable.size());
        for (BudgetBook.Applicable a : applicable) {
            keys.add(a.key());
        }
        Reservation r = counters.reserveAtOnce(keys, facts.worstCaseUsd(), facts.at());
        return r == null ? null : new Permit(r.id(), new Held(r, applicable), RateLimitStatus.NONE);
    }

    @Override
    public CompletableFuture<Permit> admitLater(CallFacts facts) {
        if (facts.worstCaseUsd() == null || facts.worstCaseUsd().signum() < 0) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("CallFacts.worstCaseUsd is required and cannot be negative"));
        }
        List<BudgetBook.Applicable> applicable = budgets.applicable(facts);
        if (applicable.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new Permit(ReservationIds.next(), new Held(null, List.of()), RateLimitStatus.NONE));
        }
        List<BudgetKey> keys = applicable.stream().map(BudgetBook.Applicable::key).toList();
        return counters.reserveLater(keys, facts.worstCaseUsd(), facts.at()).toCompletableFuture().handle((result, error) -> {
            if (error != null) {
                RuntimeException cause = SpendControl.cause(error);
                if (cause instanceof BudgetStoreUnavailable e) {
                    return storeDown(facts, applicable, keys, e);
                }
                throw cause;
            }
            return switch (result) {
                case ReserveResult.Reserved r -> new Permit(r.reservation().id(), new Held(r.reservation(), applicable), RateLimitStatus.NONE);
                case ReserveResult.Refused r -> throw refused(r.refusal());
            };
        });
    }

    private Permit storeDown(CallFacts facts, List<BudgetBook.Applicable> applicable, List<BudgetKey> keys,
                             BudgetStoreUnavailable e) {
        for (BudgetBook.Applicable a : applicable) {
            if (a.config().onStoreDown().equals("closed")) {
                String message = "budget '" + a.config().name() + "' cannot be checked: " + e.getMessage()
                        + "; it is set to refuse calls while its store is down (on-store-down: closed)";
                events.storeUnavailable(a.config().name(), message, false);
                throw new SpendRefused(new SpendRefused.Reason.StoreUnavailable(a.config().name(), message), message);
            }
        }
        for (BudgetBook.Applicable a : applicable) {
            events.storeUnavailable(a.config().name(), "budget '" + a.config().name() + "' not checked, call allowed"
                    + " (on-store-down: open): " + e.getMessage(), true);
        }
        // Nothing is held; settle still tries to count the actual cost once the store is back.
        Reservation none = new Reservation(ReservationIds.next(), keys, BigDecimal.ZERO, facts.at(), facts.at());
        return new Permit(none.id(), new Held(none, applicable), RateLimitStatus.NONE);
    }

    private static SpendRefused refused(BudgetRefusal r) {
        BudgetKey k = r.key();
        Instant resets = r.window().end();
        String message = "budget '" + k.budget() + "' (" + k.scope().wireName() + " " + k.value() + ", " + k.window().spec()
                + ") would be exceeded: limit $" + Money.plain(k.limitUsd()) + ", spent $" + Money.plain(r.spentUsd())
                + ", reserved by calls in flight $" + Money.plain(r.reservedUsd()) + ", this call may cost up to $"
                + Money.plain(r.amountUsd()) + (resets == null ? "; this budget never resets (lifetime)" : "; it resets at " + resets)
                + ". Lower max_tokens, wait for the reset, or raise the limit.";
        return new SpendRefused(new SpendRefused.Reason.BudgetExceeded(k.budget(), k.scope().wireName(), k.value(),
                k.window().spec(), k.limitUsd(), r.spentUsd(), r.reservedUsd(), r.amountUsd(), resets), message);
    }

    @Override
    public void settle(Permit permit, BigDecimal actualUsd, long actualTokens) {
        if (!(permit.handle() instanceof Held held)) {
            throw new IllegalArgumentException("permit " + permit.id() + " was not issued by BudgetControl");
        }
        if (held.reservation() == null) {
            return;
        }
        // Not waited for: with Redis the settle is on its way before the client's next call can arrive, and Redis
        // applies it before any later reservation of this replica. What it reports (thresholds crossed, a store that
        // was down) is reported at once when the counters answered at once (in process), else from a thread of its own
        // when the reply comes, so that alert delivery never holds up the connection's reply reader.
        CompletableFuture<List<WindowTotals>> settled = (held.alerts()
                ? counters.settleLater(held.reservation(), actualUsd)
                : counters.settleWithoutTotals(held.reservation(), actualUsd)).toCompletableFuture();
        if (settled.isDone()) {
            toReport(held, actualUsd, settled).forEach(Runnable::run);
        } else {
            settled.whenComplete((totals, error) -> {
                List<Runnable> reports = toReport(held, actualUsd, settled);
                if (!reports.isEmpty()) {
                    Thread.ofVirtual().name("bursar-budget-events").start(() -> reports.forEach(Runnable::run));
                }
            });
        }
    }

    /** The events a completed settle gives: the store was down, or alert thresholds were crossed. */
    private List<Runnable> toReport(Held held, BigDecimal actualUsd, CompletableFuture<List<WindowTotals>> settled) {
        List<Runnable> reports = new ArrayList<>();
        List<WindowTotals> totals;
        try {
            totals = settled.join();
        } catch (CompletionException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            for (BudgetBook.Applicable a : held.applicable()) {
                reports.add(() -> events.storeUnavailable(a.config().name(), "could not book $" + Money.plain(actualUsd)
                        + " on budget '" + a.config().name() + "': " + why + " (its reservation expires by itself)", true));
            }
            return reports;
        }
        for (int i = 0; i < totals.size(); i++) {
            crossings(held.applicable().get(i).config(), totals.get(i), actualUsd, reports);
        }
        return reports;
    }

    private void crossings(BudgetConfig config, WindowTotals after, BigDecimal actualUsd, List<Runnable> reports) {
        BigDecimal before = after.spentUsd().subtract(actualUsd);
        BudgetKey k = after.key();
        for (BigDecimal fraction : config.alertAt()) {
            BigDecimal line = k.limitUsd().multiply(fraction);
            if (before.compareTo(line) < 0 && after.spentUsd().compareTo(line) >= 0) {
                Threshold t = new Threshold(k.budget(), k.scope().wireName(), k.value(), k.window().spec(), after.window(),
                        fraction, k.limitUsd(), after.spentUsd(), k.hard());
                reports.add(() -> events.thresholdCrossed(t));
            }
        }
    }

    /** Every budget's current window; a "*" budget gives one row per value seen in it. */
    public List<BudgetStatus> status() {
        Instant now = clock.instant();
        List<BudgetStatus> out = new ArrayList<>();
        for (BudgetBook.Defined d : budgets.all()) {
            BudgetConfig c = d.config();
            BudgetScope scope = BudgetScope.parse(c.scope());
            List<String> values = scope == BudgetScope.GLOBAL ? List.of(BudgetScope.GLOBAL_VALUE)
                    : c.match().equals("*") ? List.copyOf(counters.valuesSeen(BudgetKey.of(c, "*"), now)) : List.of(c.match());
            for (String v : values) {
                WindowTotals t = counters.totals(BudgetKey.of(c, v), now);
                out.add(new BudgetStatus(c.name(), c.scope(), c.match(), v, t.key().window().spec(), c.hard(), d.fromConfig(),
                        t.window().start(), t.window().end(), c.limitUsd(), t.spentUsd(), t.reservedUsd(), t.remainingUsd()));
            }
        }
        return out;
    }

    public BudgetBook budgets() {
        return budgets;
    }

    @Override
    public void close() {
        counters.close();
    }
}
