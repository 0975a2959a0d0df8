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
        batch = batch == null ? BatchConfig.defaults() : batch;
    }

    public static BursarConfig defaults() {
        return new BursarConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public BursarConfig withServer(ServerConfig s) {
        return new BursarConfig(s, storage, redis, gateway, providers, models, keys, budgets, rateLimits, alerts, resilience, cache, capture,
                costs, plans, customers, batch);
    }

    public BursarConfig withStorage(StorageConfig s) {
        return new BursarConfig(server, s, redis, gateway, providers, models, keys, budgets, rateLimits, alerts, resilience, cache, capture,
                costs, plans, customers, batch);
    }

    public BursarConfig withRedis(RedisConfig r) {
        return new BursarConfig(server, storage, r, gateway, providers, models, keys, budgets, rateLimits, alerts, resilience, cache, capture,
                costs, plans, customers, batch);
    }

    public BursarConfig withBatch(BatchConfig b) {
        return new BursarConfig(server, storage, redis, gateway, providers, models, keys, budgets, rateLimits, alerts, resilience, cache, capture,
                costs, plans, customers, b);
    }
}
