package dev.bursar.config;

import java.util.List;

/** The whole configuration: one typed tree, read from {@code bursar.yaml} by {@link ConfigLoader}. */
public record BursarConfig(
        ServerConfig server,
        StorageConfig storage,
        List<ProviderConfig> providers,
        List<ModelConfig> models,
        List<KeyConfig> keys) {

    public BursarConfig {
        server = server == null ? ServerConfig.defaults() : server;
        storage = storage == null ? StorageConfig.defaults() : storage;
        providers = providers == null ? List.of() : List.copyOf(providers);
        models = models == null ? List.of() : List.copyOf(models);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public static BursarConfig defaults() {
        return new BursarConfig(null, null, null, null, null);
    }

    public BursarConfig withServer(ServerConfig s) {
        return new BursarConfig(s, storage, providers, models, keys);
    }

    public BursarConfig withStorage(StorageConfig s) {
        return new BursarConfig(server, s, providers, models, keys);
    }
}
