package dev.bursar.budgets;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counters for one process (embedded mode): exact BigDecimal cells in one map, guarded by striped locks. A multi-key
 * reservation takes the stripes of all its cells in index order, so it is atomic and cannot deadlock.
 */
public final class InProcessBudgetCounters implements BudgetCounters {

    private static final int STRIPES = 64;
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final StartingSpend starting;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cell> cells = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final AtomicLong lastSweepMillis = new AtomicLong();

    public InProcessBudgetCounters(StartingSpend starting) {
        this(starting, Clock.systemUTC(), DEFAULT_RESERVATION_TTL);
    }

    public InProcessBudgetCounters(StartingSpend starting, Clock clock, Duration reservationTtl) {
        this.starting = starting;
        this.clock = clock;
        this.ttl = reservationTtl;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public ReserveResult reserve(List<BudgetKey> keys, BigDecimal amountUsd, Instant at) {
        requireNotNegative(amountUsd);
        List<BudgetKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        sweep();
        List<String> names = ensureCells(distinct, at);
        Instant now = clock.instant();
        Reservation r = new Reservation(ReservationIds.next(), distinct, amountUsd, at, now.plus(ttl));
        return locked(names, () -> {
            for (BudgetKey k : distinct) {
                Sum s = sum(k, at, now);
                if (k.hard() && s.spent.add(s.reserved).add(amountUsd).compareTo(k.limitUsd()) > 0) {
                    return new ReserveResult.Refused(new BudgetRefusal(k, k.window().instance(at), s.spent, s.reserved, amountUsd));
                }
            }
            for (BudgetKey k : distinct) {
                Cell c = cell(k.cell(k.window().buckets(at).getLast()));
                c.reserved = c.reserved.add(amountUsd);
                c.held.put(r.id(), new Held(amountUsd, r.expiresAt()));
            }
            return new ReserveResult.Reserved(r);
        });
    }

    @Override
    public List<WindowTotals> settle(Reservation r, BigDecimal actualUsd) {
        requireNotNegative(actualUsd);
        List<String> names = ensureCells(r.keys(), r.at());
        Instant now = clock.instant();
        return locked(names, () -> {
            List<WindowTotals> out = new ArrayList<>();
            for (BudgetKey k : r.keys()) {
                Cell c = cell(k.cell(k.window().buckets(r.at()).getLast()));
                Held h = c.held.remove(r.id());
                if (h != null) {
                    c.reserved = c.reserved.subtract(h.amount);
                }
                c.spent = c.spent.add(actualUsd);
                Sum s = sum(k, r.at(), now);
                out.add(new WindowTotals(k, k.window().instance(r.at()), s.spent, s.reserved));
            }
            return out;
        });
    }

    @Override
    public void release(Reservation r) {
        List<String> names = r.keys().stream().map(k -> k.cell(k.window().buckets(r.at()).getLast())).toList();
        locked(names, () -> {
            for (String n : names) {
                Cell c = cells.get(n);
                Held h = c == null ? null : c.held.remove(r.id());
                if (h != null) {
                    c.reserved = c.reserved.subtract(h.amount);
                }
            }
            return null;
        });
    }

    @Override
    public WindowTotals totals(BudgetKey key, Instant at) {
        List<String> names = ensureCells(List.of(key), at);
        Instant now = clock.instant();
        return locked(names, () -> {
            Sum s = sum(key, at, now);
            return new WindowTotals(key, key.window().instance(at), s.spent, s.reserved);
        });
    }

    @Override
    public Set<String> valuesSeen(BudgetKey key, Instant at) {
        Set<String> out = new TreeSet<>();
        String family = key.family() + ":";
        for (Bucket b : key.window().buckets(at)) {
            String suffix = ":" + b.id();
            for (String name : cells.keySet()) {
                if (name.startsWith(family) && name.endsWith(suffix)) {
                    String escaped = name.substring(family.length(), name.length() - suffix.length());
                    out.add(URLDecoder.decode(escaped, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** Creates missing cells from the ledger, outside any lock; the first creator wins (putIfAbsent). */
    private List<String> ensureCells(List<BudgetKey> keys, Instant at) {
        List<String> names = new ArrayList<>();
        for (BudgetKey k : keys) {
            for (Bucket b : k.window().buckets(at)) {
                String name = k.cell(b);
                names.add(name);
                if (!cells.containsKey(name)) {
                    BigDecimal start = starting.spentUsd(k.scope(), k.value(), b.from(), b.to());
                    cells.putIfAbsent(name, new Cell(start, b.expiresAt()));
                }
            }
        }
        return names;
    }

    /** The cell, or (only if it was swept between creation and locking, i.e. a very stale call) an empty one. */
    private Cell cell(String name) {
        return cells.computeIfAbsent(name, n -> new Cell(BigDecimal.ZERO, clock.instant().plus(BudgetWindow.GRACE)));
    }

    private Sum sum(BudgetKey k, Instant at, Instant now) {
        Sum s = new Sum();
        for (Bucket b : k.window().buckets(at)) {
            Cell c = cell(k.cell(b));
            c.purge(now);
            s.spent = s.spent.add(c.spent);
            s.reserved = s.reserved.add(c.reserved);
        }
        return s;
    }

    private <T> T locked(List<String> names, java.util.function.Supplier<T> work) {
        TreeSet<Integer> idx = new TreeSet<>();
        for (String n : names) {
            idx.add(Math.floorMod(n.hashCode(), STRIPES));
        }
        List<ReentrantLock> taken = new ArrayList<>();
        try {
            for (int i : idx) {
                stripes[i].lock();
                taken.add(stripes[i]);
            }
            return work.get();
        } finally {
            for (ReentrantLock l : taken.reversed()) {
                l.unlock();
            }
        }
    }

    /** Forgets cells whose window is over (past its grace period), at most once a minute. */
    private void sweep() {
        long nowMs = clock.millis();
        long last = lastSweepMillis.get();
        if (nowMs - last < SWEEP_EVERY.toMillis() || !lastSweepMillis.compareAndSet(last, nowMs)) {
            return;
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            Instant exp = e.getValue().expiresAt;
            if (exp != null && exp.isBefore(now)) {
                locked(List.of(e.getKey()), () -> cells.remove(e.getKey()));
            }
        }
    }

    private static void requireNotNegative(BigDecimal usd) {
        if (usd == null || usd.signum() < 0) {
            throw new IllegalArgumentException("budget amounts must be zero or more USD, got " + usd);
        }
    }

    private static final class Sum {
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
    }

    private record Held(BigDecimal amount, Instant expiresAt) {
    }

    /** One window cell; only touched under its stripe lock. */
    private static final class Cell {
        BigDecimal spent;
        BigDecimal reserved = BigDecimal.ZERO;
        final Map<String, Held> held = new HashMap<>();
        final Instant expiresAt;

        Cell(BigDecimal spent, Instant expiresAt) {
            this.spent = spent;
            this.expiresAt = expiresAt;
        }

        void purge(Instant now) {
            held.values().removeIf(h -> {
                boolean expired = !h.expiresAt.isAfter(now);
                if (expired) {
                    reserved = reserved.subtract(h.amount);
                }
                return expired;
            });
        }
    }
}
