package dev.bursar.reconcile;

import dev.bursar.config.ReconcileConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The running gateway's own reconciliation: every {@code every} from {@code hour}:00 UTC (and once at start), pulls
 * each configured provider's cost and usage reports for yesterday, stores them, then lets the alert engine look
 * ({@code afterPull}). A day is pulled once across replicas ({@link ReconcileStore#claim}); a failed pull (401, 5xx,
 * timeout, a malformed page) is logged and recorded, and its day is pulled again at every cycle for
 * {@code retry-days}. Pulls run on their own thread and never touch the request path.
 */
public final class ScheduledReconciler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ScheduledReconciler.class.getName());
    /** A claim older than this without an outcome belongs to a replica that died mid-pull. */
    static final Duration STALE = Duration.ofHours(1);

    private final ReconcileConfig config;
    private final ReconcileStore store;
    private final Map<String, ReportPuller> pullers;
    private final ModelNames names;
    private final Clock clock;
    private final Runnable afterPull;
    private final ReentrantLock running = new ReentrantLock();
    private ScheduledExecutorService scheduler;

    /** One pull's result, for tests and logs. */
    public record Outcome(LocalDate day, String provider, boolean ok, int lines, String error) {
    }

    public ScheduledReconciler(ReconcileConfig config, ReconcileStore store, ModelNames names, Clock clock,
                               Runnable afterPull) {
        this.config = config;
        this.store = store;
        this.names = names;
        this.clock = clock;
        this.afterPull = afterPull;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.pullers = new LinkedHashMap<>();
        config.admins().forEach((provider, admin) -> pullers.put(provider, new ReportPuller(http,
                admin.baseUrl() != null && !admin.baseUrl().isBlank() ? admin.baseUrl()
                        : provider.equals("openai") ? ReportPuller.OPENAI : ReportPuller.ANTHROPIC, admin.adminKey())));
    }

    /** Runs once now (in the background: start-up does not wait for the providers), then on the schedule. */
    public void start() {
        running.lock();
        try {
            if (scheduler != null) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bursar-reconcile").factory());
            scheduler.execute(this::runQuietly);
            scheduleNext();
        } finally {
            running.unlock();
        }
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        long delay = Duration.between(now, next(now)).toMillis();
        scheduler.schedule(() -> {
            runQuietly();
            running.lock();
            try {
                if (!scheduler.isShutdown()) {
                    scheduleNext();
                }
            } finally {
                running.unlock();
            }
        }, Math.max(delay, 0), TimeUnit.MILLISECONDS);
    }

    /** The first cycle after {@code now}: cycles fall on {@code hour}:00 UTC and every {@code every} from it. */
    Instant next(Instant now) {
        Instant anchor = now.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(Duration.ofHours(config.hour()));
        Duration every = config.every();
        while (anchor.minus(every).isAfter(now)) {
            anchor = anchor.minus(every);
        }
        while (!anchor.isAfter(now)) {
            anchor = anchor.plus(every);
        }
        return anchor;
    }

    /**
     * One cycle: yesterday (UTC) if it was never pulled, and every day of the last {@code retry-days} whose pull
     * failed or was abandoned. Days another replica holds are skipped.
     */
    public List<Outcome> runDue() {
        LocalDate today = today();
        Set<LocalDate> candidates = new LinkedHashSet<>();
        for (ReconcileStore.Run r : store.runs(today.minusDays(config.retryDays()), today)) {
            if (!r.status().equals(ReconcileStore.OK)) {
                candidates.add(r.day());
            }
        }
        candidates.add(today.minusDays(1));
        List<Outcome> out = new ArrayList<>();
        for (LocalDate day : candidates) {
            out.addAll(pull(day, false));
        }
        return out;
    }

    /**
     * Pulls {@code day} from every configured provider that this replica can claim; with {@code force}, a day already
     * pulled is pulled again (its stored lines are replaced, never added to).
     */
    public List<Outcome> pull(LocalDate day, boolean force) {
        List<Outcome> out = new ArrayList<>();
        for (var provider : pullers.entrySet()) {
            Instant now = clock.instant();
            if (!store.claim(day, provider.getKey(), now, now.minus(STALE), force)) {
                continue;
            }
            out.add(pullOne(day, provider.getKey(), provider.getValue()));
        }
        if (out.stream().anyMatch(Outcome::ok)) {
            try {
                afterPull.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reconcile: evaluating alerts after the pull failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private Outcome pullOne(LocalDate day, String provider, ReportPuller puller) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            Map<Source, List<ProviderLine>> reports = new LinkedHashMap<>();
            for (Source source : Source.values()) {
                if (source.provider().equals(provider)) {
                    String pages = puller.pull(source, from, to);
                    reports.put(source, ProviderReports.read(source, pages, provider + " " + ReconcileStore.name(source)
                            + " for " + day, names).lines());
                }
            }
            store.store(day, provider, reports, clock.instant());
            int lines = reports.values().stream().mapToInt(List::size).sum();
            LOG.log(System.Logger.Level.INFO, "reconcile: pulled " + provider + " for " + day + " (" + lines + " lines)");
            return new Outcome(day, provider, true, lines, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(day, provider, "interrupted");
        } catch (IOException | RuntimeException e) {
            return failed(day, provider, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Outcome failed(LocalDate day, String provider, String error) {
        LOG.log(System.Logger.Level.WARNING, "reconcile: pulling " + provider + " for " + day + " failed, retrying at"
                + " the next cycle: " + error);
        try {
            store.failed(day, provider, error, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reconcile: cannot record the failed pull: " + e.getMessage(), e);
        }
        return new Outcome(day, provider, false, 0, error);
    }

    private void runQuietly() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reconcile: cycle failed, retrying at the next one: " + e.getMessage(), e);
        }
    }

    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public void close() {
        running.lock();
        try {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        } finally {
            running.unlock();
        }
    }
}
