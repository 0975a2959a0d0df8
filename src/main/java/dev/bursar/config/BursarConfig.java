package dev.bursar.config;

import java.util.List;

/** The whole configuration: one typed tree, read from {@code bursar.yaml} by {@link ConfigLoader}. */
public record BursarConfig(
        ServerConfig server,
        StorageConfig storage,
        RedisConfig redis,
        GatewayConfig gateway,
        List<ProviderConfig> providers,
        List<ModelConfig> models,
        List<KeyConfig> keys,
        List<BudgetConfig> budgets,
        List<RateLimitConfig> rateLimits,
        AlertsConfig alerts,
        ResilienceConfig resilience,
        CacheConfig cache,
        CaptureConfig capture,
        List<CostConfig> costs,
        List<PlanConfig> plans,
        List<CustomerConfig> customers,
        ReconcileConfig reconcile,
        TelemetryConfig telemetry,
        LedgerConfig ledger,
        BatchConfig batch) {

    public BursarConfig {
        server = server == null ? ServerConfig.defaults() : server;
        storage = storage == null ? StorageConfig.defaults() : storage;
        gateway = gateway == null ? GatewayConfig.defaults() : gateway;
        providers = providers == null ? List.of() : List.copyOf(providers);
        models = models == null ? List.of() : List.copyOf(models);
        keys = keys == null ? List.of() : List.copyOf(keys);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        resilience = resilience == null ? ResilienceConfig.defaults() : resilience;
        cache = cache == null ? CacheConfig.none() : cache;
        capture = capture == null ? CaptureConfig.off() : capture;
        costs = costs == null ? List.of() : List.copyOf(costs);
        plans = plans == null ? List.of() : List.copyOf(plans);
        customers = customers == null ? List.of() : List.copyOf(customers);
        reconcile = reconcile == null ? ReconcileConfig.off() : reconcile;
        telemetry = telemetry == null ? TelemetryConfig.off() : telemetry;
        ledger = ledger == null ? LedgerConfig.defaults() : ledger;
        batch = batch == null ? BatchConfig.defaults() : batch;
    }

    public static BursarConfig defaults() {
        return new BursarConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    public BursarConfig withServer(ServerConfig replacement) {
        return new BursarConfig(replacement, storage, redis, gateway, providers, models, keys, budgets,
                rateLimits, alerts, resilience, cache, capture, costs, plans, customers, reconcile, telemetry, ledger,
                batch);
    }

    public BursarConfig withStorage(StorageConfig replacement) {
        return new BursarConfig(server, replacement, redis, gateway, providers, models, keys, budgets,
                rateLimits, alerts, resilience, cache, capture, costs, plans, customers, reconcile, telemetry, ledger,
                batch);
    }

    public BursarConfig withRedis(RedisConfig replacement) {
        return new BursarConfig(server, storage, replacement, gateway, providers, models, keys, budgets,
                rateLimits, alerts, resilience, cache, capture, costs, plans, customers, reconcile, telemetry, ledger,
                batch);
    }

    public BursarConfig withTelemetry(TelemetryConfig replacement) {
        return new BursarConfig(server, storage, redis, gateway, providers, models, keys, budgets, rateLimits,
                alerts, resilience, cache, capture, costs, plans, customers, reconcile, replacement, ledger, batch);
    }

    public BursarConfig withLedger(LedgerConfig replacement) {
        return new BursarConfig(server, storage, redis, gateway, providers, models, keys, budgets, rateLimits,
                alerts, resilience, cache, capture, costs, plans, customers, reconcile, telemetry, replacement, batch);
    }

    public BursarConfig withBatch(BatchConfig replacement) {
        return new BursarConfig(server, storage, redis, gateway, providers, models, keys, budgets, rateLimits,
                alerts, resilience, cache, capture, costs, plans, customers, reconcile, telemetry, ledger, replacement);
    }

    /** The same configuration with other providers and models (providers left out at start-up). */
    public BursarConfig withProvidersAndModels(List<ProviderConfig> newProviders, List<ModelConfig> newModels) {
        return new BursarConfig(server, storage, redis, gateway, newProviders, newModels, keys, budgets,
                rateLimits, alerts, resilience, cache, capture, costs, plans, customers, reconcile, telemetry, ledger,
                batch);
    }
}
