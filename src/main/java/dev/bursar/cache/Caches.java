package dev.bursar.cache;

import dev.bursar.config.CacheConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.RedisConfig;
import dev.bursar.redis.RedisPipe;
import java.time.Clock;

/** Builds the response cache the config asks for. */
public final class Caches {

    private Caches() {
    }

    /**
     * @param redis the gateway's Redis connection, or null when no top-level {@code redis:} is configured
     */
    public static ResponseCache open(CacheConfig config, RedisPipe redis, RedisConfig redisConfig, CacheEvents events,
                                     SemanticSearch semantic, Clock clock) {
        if (!config.exactOn() && !config.semanticOn()) {
            return ResponseCache.off(clock);
        }
        AnswerStore store;
        if (config.redis()) {
            if (redis == null) {
                throw new ConfigException("cache.redis: true needs the top-level redis: (url) to share entries through");
            }
            store = new RedisAnswerStore(redis, redisConfig.keyPrefix(), events);
            if (config.semanticOn()) {
                semantic = shared(semantic, config, redis, redisConfig, events, clock);
            }
        } else {
            int max = config.exact().maxEntries();
            if (config.semanticOn()) {
                max = Math.max(max, config.semantic().maxEntries());
            }
            store = new InProcessAnswerStore(max);
        }
        return new ResponseCache(config, store, semantic, clock);
    }

    /** Every replica's index follows the others' entries through a Redis stream. */
    static SemanticSearch shared(SemanticSearch local, CacheConfig config, RedisPipe redis, RedisConfig redisConfig,
                                 CacheEvents events, Clock clock) {
        SharedSemanticSearch shared = new SharedSemanticSearch(local, clock, config.semantic().ttl());
        RedisPipe follower = new RedisPipe(redisConfig.url(), "bursar-" + redisConfig.keyPrefix() + "-semantic-feed");
        shared.feed(new SemanticFeed(redis, follower, redisConfig.keyPrefix(), local, config.semantic().maxEntries(),
                clock, events));
        return shared;
    }
}
