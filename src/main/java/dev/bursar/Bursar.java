package dev.bursar;

import dev.bursar.alerts.AlertEngine;
import dev.bursar.cache.Caches;
import dev.bursar.cache.ResponseCache;
import dev.bursar.cache.SemanticSearch;
import dev.bursar.cache.semantic.IndexedSemanticSearch;
import dev.bursar.capture.CaptureStore;
import dev.bursar.capture.CaptureSink;
import dev.bursar.capture.CaptureWriter;
import dev.bursar.attribution.Attributor;
import dev.bursar.auth.Authenticator;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.StorageConfig;
import dev.bursar.budgets.BudgetControl;
import dev.bursar.budgets.SqlBudgetStore;
import dev.bursar.controls.CompositeSpendControl;
import dev.bursar.controls.SpendControl;
import dev.bursar.gateway.Gateway;
import dev.bursar.http.GatewayServer;
import dev.bursar.metrics.Metrics;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderFactory;
import dev.bursar.providers.Timeouts;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.ratelimits.InProcessRateLimiter;
import dev.bursar.ratelimits.LeasedRateLimiter;
import dev.bursar.ratelimits.RateLimitControl;
import dev.bursar.redis.RedisPipe;
import dev.bursar.resilience.Retries;
import dev.bursar.resilience.RetryPolicy;
import dev.bursar.resilience.Sleeper;
import dev.bursar.resilience.ProviderHealth;
import dev.bursar.routing.ModelRoutes;
import dev.bursar.telemetry.Telemetry;
import dev.bursar.tokens.TokenCounter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Wires one running Bursar from its config, with plain constructors. Tests build the same graph. */
public final class Bursar implements AutoCloseable {

    private final Stores storage;
    private final UpstreamHttp upstream;
    private final GatewayServer server;
    private final AlertEngine alerts;
    private final SpendControl controls;
    private final String masterKey;
    private final Metrics metrics;
    private final String host;
    private final ResponseCache responses;
    /** Request capture for {@code bursar replay}, or null when {@code capture} is off. */
    private final CaptureWriter captures;
    /** The scheduled pulls of the providers' reports, or null without {@code reconcile:} admin keys. */
    private final dev.bursar.reconcile.ScheduledReconciler reconciler;
    /** OpenTelemetry export, {@link Telemetry#off()} unless configured. */
    private final Telemetry telemetry;
    /** Background archiving of rows older than {@code ledger.keep-rows}, or null when rows are kept for ever. */
    private final dev.bursar.ledger.archive.ArchiveSchedule archives;
    /** The Batch API's service and runner. */
    private final dev.bursar.batch.Batches batches;

    private Bursar(Stores storage, UpstreamHttp upstream, GatewayServer server, AlertEngine alerts, SpendControl controls,
                   String masterKey, Metrics metrics, String host, ResponseCache responses, CaptureWriter captures,
                   dev.bursar.reconcile.ScheduledReconciler reconciler, Telemetry telemetry,
                   dev.bursar.ledger.archive.ArchiveSchedule archives, dev.bursar.batch.Batches batches) {
        this.reconciler = reconciler;
        this.batches = batches;
        this.telemetry = telemetry;
        this.captures = captures;
        this.archives = archives;
        this.responses = responses;
        this.controls = controls;
        this.storage = storage;
        this.upstream = upstream;
        this.server = server;
        this.alerts = alerts;
        this.masterKey = masterKey;
        this.metrics = metrics;
        this.host = host;
    }

    public static Bursar start(BursarConfig config, Map<String, String> env, PrintStream log) {
        return start(config, env, log, Sleeper.real());
    }

    /** As {@link #start(BursarConfig, Map, PrintStream)}, waiting between upstream attempts with {@code sleeper}. */
    public static Bursar start(BursarConfig config, Map<String, String> env, PrintStream log, Sleeper sleeper) {
        Clock clock = Clock.systemUTC();
        Path prices = dataDir(config.storage()).resolve("prices.yaml");
        // Prices imported with `bursar prices import` land in the data folder and override the bundled catalog.
        PriceCatalog catalog = Files.isRegularFile(prices) ? PriceCatalog.load(List.of(prices)) : PriceCatalog.bundled();
        // Loading a tokenizer's vocabulary takes seconds; do it now rather than in the first request that counts tokens.
        Thread.startVirtualThread(() -> TokenCounter.forModel("gpt-4o").count("warm up"));
        Stores storage = Stores.open(config.storage());
        // Owns the upstream client's threads (read watchdog, idle sweeper, stream-gap timer) until close().
        UpstreamHttp upstream = new UpstreamHttp();
        CaptureWriter captures = null;
        dev.bursar.reconcile.ScheduledReconciler reconciler = null;
        Telemetry telemetry = Telemetry.off();
        dev.bursar.batch.Batches batches = null;
        try {
            List<ProviderConfig> providerConfigs = config.providers().isEmpty()
                    ? ProviderFactory.fromEnvironment(env) : config.providers();
            ProviderFactory factory = new ProviderFactory(upstream, catalog);
            dev.bursar.providers.UpstreamSecrets.rememberEnvironment(env);
            Map<String, Provider> providers = new LinkedHashMap<>();
            Map<String, Timeouts> timeouts = new HashMap<>();
            for (ProviderConfig pc : providerConfigs) {
                providers.put(pc.name(), factory.create(pc));
                timeouts.put(pc.name(), Timeouts.of(pc, config.resilience().timeouts()));
            }
            ModelRoutes routes = ModelRoutes.build(config.models(), providers, timeouts, vendors(providerConfigs, providers), catalog,
                    Bursar::learnedRouter);
            Authenticator auth = new Authenticator(config.keys(), storage.keys());
            Metrics metrics = new Metrics();
            dev.bursar.books.Books books = new dev.bursar.books.Books(storage.database(), storage.ledger(), config.costs(),
                    config.plans(), config.customers(), clock);
            dev.bursar.reconcile.StoredReconciliation reconciled = Reconciliation.stored(config, storage, catalog);
            AlertEngine alerts = new AlertEngine(storage.database(), storage.ledgerStats(),
                    Reconciliation.withDriftRule(config), new dev.bursar.books.BooksMargins(books), reconciled);
            alerts.start();
            reconciler = Reconciliation.schedule(config, storage, catalog, clock, alerts);
            // One pipelined connection for budgets and rate limits: their calls share its writes and reads.
            RedisPipe redis = config.redis() == null ? null
                    : new RedisPipe(config.redis().url(), "bursar-" + config.redis().keyPrefix());
            BudgetControl budgets = BudgetControl.forConfig(config, new SqlBudgetStore(storage.database()), storage.ledger(),
                    new BudgetAlerts(alerts), redis);
            List<SpendControl> parts = new java.util.ArrayList<>();
            if (!config.rateLimits().isEmpty()) {
                // Rate limits first: a call over its rate should not hold budget while it is refused.
                parts.add(new RateLimitControl(config.rateLimits(),
                        redis == null ? new InProcessRateLimiter() : new LeasedRateLimiter(redis, config.redis().keyPrefix(), true)));
            }
            parts.add(budgets);
            SpendControl controls = new CompositeSpendControl(parts, redis);
            ResponseCache responses = Caches.open(config.cache(), redis, config.redis(), new CacheAlerts(alerts),
                    config.cache().semanticOn() ? IndexedSemanticSearch.open(config.cache().semantic(), clock)
                            : SemanticSearch.none(), clock);
            captures = config.capture().enabled()
                    ? CaptureWriter.start(new CaptureStore(storage.database()), config.capture(), clock) : null;
            ProviderHealth health = ProviderHealth.of(providers.keySet(), config.resilience().circuitBreaker(), clock);
            metrics.circuitStates(health::stateCodes);
            if (captures != null) {
                metrics.captures(captures::counts);
            }
            Gateway gateway = new Gateway(new Gateway.Parts(auth, new Attributor(), routes, new CostCalculator(catalog), catalog,
                    storage.ledger(), metrics, controls, clock, config.gateway(), true,
                    new Retries(RetryPolicy.from(config.gateway(), config.resilience()), sleeper, new Random(), clock)), health,
                    responses, uncachedModels(config.models()), dev.bursar.promptcache.PromptCaching.of(config.cache(), clock),
                    captures == null ? CaptureSink.none() : captures,
                    telemetry = Telemetry.of(config.telemetry(), env, genAiProviders(providerConfigs),
                            dev.bursar.config.BuildInfo.version()));
            batches = new dev.bursar.batch.Batches(storage.database(), batchFolder(config), gateway, config.batch(), clock);
            MasterKey master = MasterKey.resolve(config.server().masterKey(), env, dataDir(config.storage()));
            GatewayServer server = GatewayServer.start(config.server().host(), config.server().port(),
                    new GatewayServer.Parts(gateway, routes, auth, storage.keys(), storage.ledger(), metrics, alerts, budgets,
                            master.value(), storage.describe(), config.server().maxBodyBytes(), clock,
                            config.server().cors(), providerConfigs, health, responses, books, reconciled, reconciler, catalog, batches));
            // Unfinished batches (a restart, or a replica that died) are claimed and resumed from here on.
            batches.start();
            var archives = dev.bursar.ledger.archive.ArchiveSchedule.start(storage.database(), config.ledger(), clock)
                    .orElse(null);
            Bursar bursar = new Bursar(storage, upstream, server, alerts, controls, master.value(), metrics,
                    config.server().host(), responses, captures, reconciler, telemetry, archives, batches);
            config.telemetry().endpoint(env).ifPresent(endpoint -> log.println("telemetry: OpenTelemetry spans and GenAI"
                    + " metrics to " + endpoint + " (OTLP HTTP/protobuf)"));
            StartupBanner.print(log, bursar, config, providerConfigs, routes, auth, master, storage.describe());
            return bursar;
        } catch (RuntimeException e) {
            if (batches != null) {
                batches.close();
            }
            if (reconciler != null) {
                reconciler.close();
            }
            if (captures != null) {
                captures.close();
            }
            telemetry.close();
            upstream.close();
            storage.close();
            throw e;
        }
    }

    /** The models whose config says {@code cache: off}, by name and by upstream name. */
    /** The shipped learned router, its embedding model warmed off the start-up thread (it takes a second or two). */
    private static dev.bursar.routing.DifficultyScorer learnedRouter() {
        dev.bursar.routing.learned.LearnedRouter router = dev.bursar.routing.learned.LearnedRouter.load();
        Thread.ofVirtual().name("bursar-router-warmup").start(router::warm);
        return router;
    }

    private static java.util.Set<String> uncachedModels(List<dev.bursar.config.ModelConfig> models) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (var m : models) {
            if (!m.cacheable()) {
                names.add(m.name());
                if (m.upstream() != null) {
                    names.add(m.upstream());
                }
            }
        }
        return names;
    }

    /**
     * Each provider's {@code gen_ai.provider.name}: the GenAI conventions' well-known value for its vendor; a sim
     * provider keeps its own name (it imitates vendors, it is none of them).
     */
    private static Map<String, String> genAiProviders(List<ProviderConfig> configs) {
        Map<String, String> names = new HashMap<>();
        for (ProviderConfig pc : configs) {
            names.put(pc.name(), switch (pc.type()) {
                case OPENAI -> switch (pc.name()) {
                    case "deepseek" -> "deepseek";
                    case "mistral" -> "mistral_ai";
                    default -> "openai";
                };
                case ANTHROPIC -> "anthropic";
                case GEMINI -> "gcp.gemini";
                case SIM -> pc.name();
            });
        }
        return names;
    }

    /** Which configured provider serves each catalog vendor's models. */
    private static ModelRoutes.VendorProviders vendors(List<ProviderConfig> configs, Map<String, Provider> providers) {
        Map<String, Provider> byVendor = new HashMap<>();
        Provider sim = null;
        for (ProviderConfig pc : configs) {
            Provider p = providers.get(pc.name());
            switch (pc.type()) {
                case OPENAI -> {
                    if (pc.name().equals("deepseek") || pc.name().equals("mistral")) {
                        byVendor.putIfAbsent(pc.name(), p);
                    } else {
                        byVendor.putIfAbsent("openai", p);
                    }
                }
                case ANTHROPIC -> byVendor.putIfAbsent("anthropic", p);
                case GEMINI -> byVendor.putIfAbsent("google", p);
                case SIM -> sim = sim == null ? p : sim;
            }
        }
        return new ModelRoutes.VendorProviders(byVendor, sim);
    }

    /** The master key of the gateway {@code config} describes, if one is set or was saved: for the admin API's callers. */
    public static java.util.Optional<String> masterKey(BursarConfig config, Map<String, String> env) {
        return MasterKey.existing(config.server().masterKey(), env, dataDir(config.storage()));
    }

    /** Where batch files live: {@code batch.folder}, or {@code batch-files} beside the SQLite database. */
    static Path batchFolder(BursarConfig config) {
        return config.batch().folder() != null ? Path.of(config.batch().folder())
                : dataDir(config.storage()).resolve("batch-files");
    }

    /** The Batch API's service. */
    public dev.bursar.batch.Batches batches() {
        return batches;
    }

    static Path dataDir(StorageConfig storage) {
        if (storage.sqlite() != null) {
            Path parent = Path.of(storage.sqlite()).toAbsolutePath().getParent();
            return parent == null ? Path.of("bursar-data") : parent;
        }
        return Path.of("bursar-data");
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + h + ":" + port();
    }

    public String masterKey() {
        return masterKey;
    }

    public Stores storage() {
        return storage;
    }

    public Metrics metrics() {
        return metrics;
    }

    public AlertEngine alerts() {
        return alerts;
    }

    /** The request-capture writer, when {@code capture: { enabled: true }}. */
    public java.util.Optional<CaptureWriter> captures() {
        return java.util.Optional.ofNullable(captures);
    }

    /** The scheduled reconciliation, when {@code reconcile:} configures an admin key. */
    public java.util.Optional<dev.bursar.reconcile.ScheduledReconciler> reconciler() {
        return java.util.Optional.ofNullable(reconciler);
    }

    @Override
    public void close() {
        if (reconciler != null) {
            reconciler.close();
        }
        server.close();
        batches.close(); // after the server (no new batches), before the ledger its lines are booked in
        if (captures != null) {
            captures.close(); // after the server: the last answered requests are still queued
        }
        responses.close();
        telemetry.close(); // after the server: the last requests' spans are flushed
        upstream.close();
        controls.close();
        alerts.close();
        if (archives != null) {
            archives.close(); // before the database it archives from
        }
        storage.close();
    }
}
