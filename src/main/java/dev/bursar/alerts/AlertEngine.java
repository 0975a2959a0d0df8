package dev.bursar.alerts;

import dev.bursar.config.AlertsConfig;
import dev.bursar.ledger.LedgerStats;
import dev.bursar.storage.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Evaluates the alert rules over the ledger every {@code evaluate-every}, opens one alert per (rule, scope value,
 * window instance) while its condition holds, resolves it when it clears, and delivers both transitions to the
 * webhooks. State lives in the database, so replicas sharing it deliver each transition once: whichever claims the
 * row first sends it. Budget events ({@link #budgetThreshold}, {@link #budgetStoreUnavailable}) alert at once.
 */
public final class AlertEngine implements AutoCloseable {

    static final long OUTAGE_MINUTES = 15;
    private static final System.Logger LOG = System.getLogger(AlertEngine.class.getName());

    private final LedgerStats ledger;
    private final AlertsConfig config;
    private final List<AlertRule> rules;
    private final Clock clock;
    private final AlertStore store;
    private final Webhooks webhooks;
    private final ReentrantLock evaluating = new ReentrantLock();
    private ScheduledExecutorService scheduler;

    /**
     * {@code db} must be migrated (schema version 21 or later); the engine keeps its alerts there and reads the ledger
     * through {@code ledger}. Rules are validated here; bad ones throw.
     */
    public AlertEngine(Database db, LedgerStats ledger, AlertsConfig config) {
        this(db, ledger, config, Rules.from(config.rules()), Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    /** As above, with the books that {@code margin-below} rules read. */
    public AlertEngine(Database db, LedgerStats ledger, AlertsConfig config, MarginSource margins) {
        this(db, ledger, config, Rules.from(config.rules(), margins), Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    /** As above, with the stored reconciliation that {@code reconcile-drift} rules read. */
    public AlertEngine(Database db, LedgerStats ledger, AlertsConfig config, MarginSource margins, DriftSource drifts) {
        this(db, ledger, config, Rules.from(config.rules(), margins, drifts), Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    public AlertEngine(Database db, LedgerStats ledger, AlertsConfig config, List<AlertRule> rules, Clock clock,
                       RetryPolicy retry) {
        this.ledger = ledger;
        this.config = config;
        this.rules = List.copyOf(rules);
        this.clock = clock;
        this.store = new AlertStore(db);
        this.webhooks = new Webhooks(config.webhooks(), retry, store, clock);
    }

    /** Evaluates every {@code evaluate-every} on a background thread until {@link #close}. */
    public void start() {
        evaluating.lock();
        try {
            if (scheduler != null) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bursar-alerts").factory());
            long every = config.evaluateEvery().toMillis();
            scheduler.scheduleWithFixedDelay(this::evaluateQuietly, every, every, TimeUnit.MILLISECONDS);
        } finally {
            evaluating.unlock();
        }
    }

    /**
     * Runs every rule once: opens (and queues delivery of) alerts for new findings, resolves open alerts whose
     * condition no longer holds, and silently resolves budget alerts whose window ended. A rule that fails is
     * skipped (its open alerts stay open) and the others still run.
     *
     * @return the alerts this call opened
     */
    public List<AlertRecord> evaluateNow() {
        evaluating.lock();
        try {
            Instant now = clock.instant();
            RuleContext ctx = new RuleContext(ledger, now);
            List<AlertRecord> fired = new ArrayList<>();
            for (AlertRule rule : rules) {
                List<Finding> findings;
                try {
                    findings = rule.evaluate(ctx);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "alert rule '" + rule.name() + "' failed: " + e.getMessage(), e);
                    continue;
                }
                fired.addAll(apply(rule.name(), findings, now));
            }
            store.resolveExpired(now);
            return fired;
        } finally {
            evaluating.unlock();
        }
    }

    private List<AlertRecord> apply(String rule, List<Finding> findings, Instant now) {
        List<AlertRecord> fired = new ArrayList<>();
        Set<String> holding = new HashSet<>();
        for (Finding f : findings) {
            holding.add(f.openKey());
            store.claim(f, now, null).ifPresent(r -> {
                fired.add(r);
                webhooks.deliver(r, "fired");
            });
        }
        for (AlertRecord open : store.open(rule)) {
            if (!holding.contains(open.openKey())) {
                store.resolve(open.id(), now).ifPresent(r -> webhooks.deliver(r, "resolved"));
            }
        }
        return fired;
    }

    private void evaluateQuietly() {
        try {
            evaluateNow();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "alert evaluation failed, retrying in " + config.evaluateEvery() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A budget crossed {@code fraction} of its limit. Alerts once per (budget, scope value, window instance,
     * fraction): a bare {@code window} "hour", "day" or "month" is made an instance by the current UTC period,
     * {@code rolling-Nh} may alert again after N hours, any other string is taken as the instance name itself.
     * Returns at once; the alert is stored and delivered in the background.
     *
     * @param scopeValue the value the budget applies to ("acme"); null or blank for a global budget
     */
    public void budgetThreshold(String budget, String scopeValue, String window, BigDecimal fraction,
                                BigDecimal spentUsd, BigDecimal limitUsd) {
        Instant now = clock.instant();
        Windows.Instance w = Windows.budget(window, now);
        String value = scopeValue == null || scopeValue.isBlank() ? "all" : scopeValue;
        String percent = fraction.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("fraction", fraction);
        numbers.put("spent_usd", spentUsd);
        numbers.put("limit_usd", limitUsd);
        Severity severity = fraction.compareTo(BigDecimal.ONE) >= 0 ? Severity.CRITICAL : Severity.WARNING;
        Finding f = new Finding("budget " + budget, "budget-threshold", severity, "budget", value,
                w.key() + " at " + percent + "%", "Budget '" + budget + "' for " + value + " reached " + percent
                + "% of its " + w.key() + " limit: $" + Ratios.usd(spentUsd) + " spent of $" + Ratios.usd(limitUsd)
                + " (" + Ratios.percentOf(spentUsd, limitUsd).setScale(1, RoundingMode.HALF_EVEN) + "%)",
                spentUsd, numbers);
        raise(f, now, w.end());
    }

    /**
     * The budget store (Redis) could not be reached. Alerts once per budget per outage; a store still down after
     * {@value #OUTAGE_MINUTES} minutes alerts again. Returns at once.
     *
     * @param failedOpen true when calls are being let through unmetered, false when they are refused
     */
    public void budgetStoreUnavailable(String budget, String message, boolean failedOpen) {
        Instant now = clock.instant();
        var numbers = new LinkedHashMap<String, BigDecimal>();
        numbers.put("failed_open", failedOpen ? BigDecimal.ONE : BigDecimal.ZERO);
        Finding f = new Finding("budget-store " + budget, "budget-store-unavailable", Severity.CRITICAL, "budget",
                budget, "outage", "Budget store unavailable for budget '" + budget + "': " + message + "; "
                + (failedOpen ? "calls are let through without budget checks (fail open)"
                : "calls under this budget are refused (fail closed)"), BigDecimal.ZERO, numbers);
        raise(f, now, now.plus(Duration.ofMinutes(OUTAGE_MINUTES)));
    }

    /**
     * The shared cache store (Redis) could not be reached: calls go to the providers uncached, and pay for it. Alerts
     * once per outage window of {@value #OUTAGE_MINUTES} minutes. Returns at once.
     */
    public void cacheStoreUnavailable(String where, String message) {
        Instant now = clock.instant();
        Finding f = new Finding("cache-store " + where, "cache-store-unavailable", Severity.WARNING, "cache", where,
                "outage", "Cache store unavailable at " + where + ": " + message + "; the cache is bypassed (every call"
                + " goes to its provider and is paid) until it is back", BigDecimal.ZERO, new LinkedHashMap<>());
        raise(f, now, now.plus(Duration.ofMinutes(OUTAGE_MINUTES)));
    }

    private void raise(Finding f, Instant now, Instant expires) {
        webhooks.run(() -> {
            store.resolveExpired(now);
            store.claim(f, now, expires).ifPresent(r -> webhooks.deliver(r, "fired"));
        });
    }

    /** The latest alerts, open and resolved, newest first: {@code GET /admin/alerts}, {@code bursar alerts}. */
    public List<AlertRecord> recent(int limit) {
        return store.recent(limit);
    }

    /** Every recorded webhook call for one alert, oldest first. */
    public List<DeliveryAttempt> deliveries(String alertId) {
        return store.deliveries(alertId);
    }

    /** Waits until queued deliveries and budget alerts are done (the CLI before exiting, tests); false on timeout. */
    public boolean flush(Duration timeout) {
        try {
            return webhooks.flush(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops evaluating, gives running deliveries two seconds, then stops them. Does not close the database. */
    @Override
    public void close() {
        evaluating.lock();
        try {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        } finally {
            evaluating.unlock();
        }
        webhooks.close();
    }
}
