package dev.bursar.budgets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run with EVALSHA, falling back to EVAL (which also caches it) when Redis answers NOSCRIPT: after a
 * restart or SCRIPT FLUSH. Connection failures become {@link BudgetStoreUnavailable}.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads {@code name}.lua, with purge.lua's helper in front when {@code withPurge}. */
    static RedisScript load(String name, boolean withPurge) {
        return new RedisScript((withPurge ? resource("purge") + "\n" : "") + resource(name));
    }

    List<Object> run(UnifiedJedis redis, String where, List<String> keys, List<String> args) {
        try {
            try {
                return asList(redis.evalsha(sha, keys, args));
            } catch (JedisNoScriptException e) {
                return asList(redis.eval(source, keys, args));
            }
        } catch (JedisDataException e) {
            throw new IllegalStateException("budget script failed in Redis (a Bursar bug, please report): " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new BudgetStoreUnavailable("cannot reach the budget store at " + where + ": " + e.getMessage()
                    + " (check that Redis runs and that 'redis' in bursar.yaml points at it)", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object reply) {
        return (List<Object>) reply;
    }

    private static String resource(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("budget script " + name + ".lua is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read budget script " + name + ".lua", e);
        }
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
