package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import dev.bursar.controls.CallFacts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every budget in force: those of {@code bursar.yaml} (read-only at run time) and those in the {@link BudgetStore}
 * (managed by the admin API and CLI). The stored ones are re-read at most every {@code cacheTtl}, so a change made on
 * another replica applies there within that time; a change made here applies at once.
 */
public final class BudgetBook {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);

    /** A budget and where it comes from. */
    public record Defined(BudgetConfig config, boolean fromConfig) {
    }

    private record Snapshot(List<Defined> budgets, List<Matcher> matchers, long readAtNanos) {
    }

    /**
     * A budget as calls are matched against it, on every call: its scope parsed once, and its keys per scope value
     * made once (a "*" budget over very many values forgets them now and then rather than growing without bound).
     */
    private record Matcher(BudgetConfig config, BudgetScope scope, Map<String, BudgetKey> keys) {
        Matcher(BudgetConfig config) {
            this(config, BudgetScope.parse(config.scope()), new ConcurrentHashMap<>());
        }

        /** The scope value this budget counts the call under, or null when it does not apply. */
        String valueOf(CallFacts facts) {
            String value = scope.valueOrNull(facts);
            return value != null && (config.match().equals("*") || config.match().equals(value)) ? value : null;
        }

        BudgetKey key(String value) {
            BudgetKey k = keys.get(value);
            if (k == null) {
                if (keys.size() > 10_000) {
                    keys.clear();
                }
                k = BudgetKey.of(config, value);
                keys.put(value, k);
            }
            return k;
        }
    }

    private final List<BudgetConfig> fromConfig;
    private final Set<String> configNames = new HashSet<>();
    private final BudgetStore store;
    private final long ttlNanos;
    private final ReentrantLock refresh = new ReentrantLock();
    private volatile Snapshot snapshot;

    public BudgetBook(List<BudgetConfig> fromConfig, BudgetStore store) {
        this(fromConfig, store, DEFAULT_CACHE_TTL);
    }

    public BudgetBook(List<BudgetConfig> fromConfig, BudgetStore store, Duration cacheTtl) {
        this.fromConfig = List.copyOf(fromConfig);
        for (BudgetConfig b : fromConfig) {
            BudgetWindow.of(b);
            if (!configNames.add(b.name())) {
                throw new IllegalArgumentException("two budgets in bursar.yaml are named '" + b.name()
                        + "'; give one of them another 'name'");
            }
        }
        this.store = store;
        this.ttlNanos = cacheTtl.toNanos();
    }

    /** Config budgets first, then stored ones by name. A stored budget whose name a config one took is ignored. */
    public List<Defined> all() {
        return current().budgets();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.readAtNanos() < ttlNanos) {
            return s;
        }
        refresh.lock();
        try {
            s = snapshot;
            if (s != null && System.nanoTime() - s.readAtNanos() < ttlNanos) {
                return s;
            }
            return reload();
        } catch (RuntimeException e) {
            if (s != null) {
                return s; // the database hiccuped: keep enforcing the budgets last read
            }
            throw e;
        } finally {
            refresh.unlock();
        }
    }

    public Optional<Defined> find(String name) {
        return all().stream().filter(d -> d.config().name().equals(name)).findFirst();
    }

    /** Creates or replaces a run-time budget. */
    public void set(BudgetConfig budget) {
        requireNotFromConfig(budget.name(), "change");
        BudgetWindow.of(budget);
        store.set(budget);
        snapshot = null;
    }

    /** Removes a run-time budget; false when there was none of that name. */
    public boolean remove(String name) {
        requireNotFromConfig(name, "remove");
        boolean removed = store.remove(name);
        snapshot = null;
        return removed;
    }

    /** Whether any budget applies to the call: {@link #applicable} without building its keys. */
    public boolean anyApplies(CallFacts facts) {
        for (Matcher m : current().matchers()) {
            if (m.valueOf(facts) != null) {
                return true;
            }
        }
        return false;
    }

    /** The budget keys a call falls in: each budget whose scope value equals its match, or any value for "*". */
    public List<Applicable> applicable(CallFacts facts) {
        List<Applicable> out = new ArrayList<>(2);
        for (Matcher m : current().matchers()) {
            String value = m.valueOf(facts);
            if (value != null) {
                out.add(new Applicable(m.config(), m.key(value)));
            }
        }
        return out;
    }

    private Snapshot reload() {
        List<Defined> out = new ArrayList<>();
        fromConfig.forEach(c -> out.add(new Defined(c, true)));
        for (BudgetConfig c : store.list()) {
            if (!configNames.contains(c.name())) {
                out.add(new Defined(c, false));
            }
        }
        Snapshot s = new Snapshot(List.copyOf(out), out.stream().map(d -> new Matcher(d.config())).toList(), System.nanoTime());
        snapshot = s;
        return s;
    }

    private void requireNotFromConfig(String name, String verb) {
        if (configNames.contains(name)) {
            throw new IllegalArgumentException("budget '" + name + "' is defined in bursar.yaml and is read-only at run time;"
                    + " " + verb + " it in bursar.yaml and restart, or use another name");
        }
    }

    /** A budget that applies to a call, with the counter key for the call's scope value. */
    public record Applicable(BudgetConfig config, BudgetKey key) {
    }
}
