package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.redis.RedisError;
import dev.bursar.redis.RedisPipe;
import dev.bursar.redis.RedisUnavailable;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Answers kept in Redis, so every replica gives the answers any replica was given. Keys are
 * {@code <prefix>:cache:a:<customer hash>:<exact key>} with Redis's own expiry; the customer's hash in the name lets
 * a purge by customer find its entries with SCAN. Redis's memory policy bounds the total (set {@code maxmemory} and
 * {@code allkeys-lru} for a cache-only Redis). When Redis cannot be reached the cache is bypassed and the operator
 * told once per outage: a lookup is a miss and nothing is kept, never an error for the client.
 */
public final class RedisAnswerStore implements AnswerStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ALERT_EVERY_NANOS = Duration.ofMinutes(5).toNanos();

    private final RedisPipe redis;
    private final String prefix;
    private final CacheEvents events;
    private volatile long lastAlertNanos = System.nanoTime() - ALERT_EVERY_NANOS;

    public RedisAnswerStore(RedisPipe redis, String keyPrefix, CacheEvents events) {
        this.redis = redis;
        this.prefix = keyPrefix + ":cache:a:";
        this.events = events;
    }

    @Override
    public Optional<CachedAnswer> get(EntryKey key) {
        try {
            Object v = redis.call(List.of("GET", name(key)));
            return v instanceof String s ? Optional.of(decode(s)) : Optional.empty();
        } catch (RedisUnavailable | RedisError e) {
            down(e);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // An entry this version cannot read is a miss; the new answer replaces it.
            return Optional.empty();
        }
    }

    @Override
    public void put(EntryKey key, CachedAnswer answer, Duration ttl) {
        try {
            redis.call(List.of("SET", name(key), encode(answer), "PX", Long.toString(Math.max(1, ttl.toMillis()))));
        } catch (RedisUnavailable | RedisError e) {
            down(e);
        }
    }

    @Override
    public long purge(String customer) {
        String pattern = prefix + (customer == null ? "*" : customerHash(customer) + ":*");
        long removed = 0;
        String cursor = "0";
        do {
            List<?> reply = (List<?>) redis.call(List.of("SCAN", cursor, "MATCH", pattern, "COUNT", "1000"));
            cursor = (String) reply.get(0);
            List<?> keys = (List<?>) reply.get(1);
            if (!keys.isEmpty()) {
                List<String> del = new java.util.ArrayList<>(keys.size() + 1);
                del.add("UNLINK");
                keys.forEach(k -> del.add((String) k));
                removed += (Long) redis.call(del);
            }
        } while (!cursor.equals("0"));
        return removed;
    }

    @Override
    public long size() {
        long n = 0;
        String cursor = "0";
        try {
            do {
                List<?> reply = (List<?>) redis.call(List.of("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"));
                cursor = (String) reply.get(0);
                n += ((List<?>) reply.get(1)).size();
            } while (!cursor.equals("0"));
        } catch (RedisUnavailable | RedisError e) {
            down(e);
            return -1;
        }
        return n;
    }

    @Override
    public String kind() {
        return "redis";
    }

    private void down(RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastAlertNanos >= ALERT_EVERY_NANOS) {
            lastAlertNanos = now;
            events.storeUnavailable(redis.where(), e.getMessage());
        }
    }

    private String name(EntryKey key) {
        return prefix + customerHash(key.customer()) + ":" + key.hash();
    }

    static String customerHash(String customer) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(customer.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(CachedAnswer a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("wire", a.wire().name());
        n.put("body", new String(a.body(), StandardCharsets.UTF_8));
        Usage u = a.usage();
        n.putArray("usage").add(u.inputTokens()).add(u.cachedInputTokens()).add(u.cacheWrite5mTokens())
                .add(u.cacheWrite1hTokens()).add(u.outputTokens()).add(u.reasoningTokens());
        n.put("price_model", a.priceModel());
        n.put("provider", a.provider());
        n.put("stored_at", a.storedAt().toString());
        n.put("customer", a.customer());
        n.put("feature", a.feature());
        return n.toString();
    }

    static CachedAnswer decode(String s) throws IOException {
        JsonNode n = JSON.readTree(s);
        JsonNode u = n.get("usage");
        Usage usage = new Usage(u.get(0).asLong(), u.get(1).asLong(), u.get(2).asLong(), u.get(3).asLong(),
                u.get(4).asLong(), u.get(5).asLong());
        return new CachedAnswer(ClientWire.valueOf(n.get("wire").asText()),
                n.get("body").asText().getBytes(StandardCharsets.UTF_8), usage, n.get("price_model").asText(),
                n.get("provider").asText(), Instant.parse(n.get("stored_at").asText()), n.get("customer").asText(),
                n.get("feature").asText());
    }
}
