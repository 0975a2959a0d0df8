package dev.bursar.ratelimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by EVALSHA (one round trip), loaded again when the server has forgotten it (restart, FLUSH). */
final class RedisScript {

    private final String source;
    private volatile String sha;

    RedisScript(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource + " next to " + RedisScript.class.getName());
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        String known = sha;
        if (known == null) {
            known = load(redis);
        }
        try {
            return redis.evalsha(known, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.evalsha(load(redis), keys, args);
        }
    }

    private String load(UnifiedJedis redis) {
        String loaded = redis.scriptLoad(source);
        sha = loaded;
        return loaded;
    }
}
