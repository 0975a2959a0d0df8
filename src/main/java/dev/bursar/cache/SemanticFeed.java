package dev.bursar.cache;

import dev.bursar.redis.RedisError;
import dev.bursar.redis.RedisPipe;
import dev.bursar.redis.RedisUnavailable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Semantic entries shared through a Redis stream ({@code <prefix>:cache:semantic}): every replica appends the entries
 * it makes (scope, vector, guard text, answer key, expiry) and follows the stream, adding the others' entries to its
 * own in-process index, so a paraphrase answered on one replica hits on another. Redis here has no vector search;
 * the search stays in process. A new replica reads the stream from its start, so it knows the entries that have not
 * expired. Purges travel the same way. While Redis cannot be reached, entries stay local and the follower retries.
 */
public final class SemanticFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SemanticFeed.class.getName());
    /** Below the pipe's reply watchdog, which breaks a connection whose command waited longer. */
    private static final int BLOCK_MILLIS = 1_000;

    private final RedisPipe publisher;
    private final RedisPipe follower;
    private final String stream;
    private final String origin = UUID.randomUUID().toString();
    private final SemanticSearch local;
    private final Clock clock;
    private final long maxLength;
    private final CacheEvents events;
    private final Thread thread;
    private volatile boolean closed;
    private volatile String lastId = "0";

    /**
     * @param publisher the gateway's shared pipe (appends are pipelined with everything else)
     * @param follower  a pipe of its own: a blocking read would hold up every other command on a shared one
     */
    public SemanticFeed(RedisPipe publisher, RedisPipe follower, String keyPrefix, SemanticSearch local, long maxLength,
                        Clock clock, CacheEvents events) {
        this.publisher = publisher;
        this.follower = follower;
        this.stream = keyPrefix + ":cache:semantic";
        this.local = local;
        this.maxLength = maxLength;
        this.clock = clock;
        this.events = events;
        this.thread = Thread.ofVirtual().name("bursar-semantic-feed").start(this::follow);
    }

    /** Tells the other replicas about an entry this one made. */
    void published(SemanticSearch.Probe p, String answerHash, Instant expiresAt) {
        List<String> cmd = new ArrayList<>(List.of("XADD", stream, "MAXLEN", "~", Long.toString(maxLength), "*",
                "type", "add", "origin", origin, "scope", p.scope(), "vector", encode(p.vector()), "query", p.query(),
                "answer", answerHash, "expires", Long.toString(expiresAt.toEpochMilli())));
        send(cmd);
    }

    /** Tells the other replicas to purge ({@code scopePrefix} null: everything). */
    void purged(String scopePrefix) {
        send(new ArrayList<>(List.of("XADD", stream, "MAXLEN", "~", Long.toString(maxLength), "*", "type", "purge",
                "origin", origin, "prefix", scopePrefix == null ? "*" : scopePrefix)));
    }

    private void send(List<String> cmd) {
        publisher.send(cmd).whenComplete((ok, e) -> {
            if (e != null) {
                RuntimeException cause = RedisPipe.unwrap(e);
                events.storeUnavailable(publisher.where(), cause.getMessage());
            }
        });
    }

    private void follow() {
        while (!closed) {
            try {
                Object reply = follower.call(List.of("XREAD", "COUNT", "500", "BLOCK", Integer.toString(BLOCK_MILLIS),
                        "STREAMS", stream, lastId));
                if (reply instanceof List<?> streams) {
                    for (Object s : streams) {
                        for (Object entry : (List<?>) ((List<?>) s).get(1)) {
                            List<?> e = (List<?>) entry;
                            lastId = (String) e.get(0);
                            apply(fields((List<?>) e.get(1)));
                        }
                    }
                }
            } catch (RedisUnavailable | RedisError e) {
                if (closed) {
                    return;
                }
                pause();
            } catch (RuntimeException e) {
                // An entry this version cannot read is skipped; the follower must keep following.
                LOG.log(System.Logger.Level.WARNING, "semantic cache feed: skipped an entry: " + e);
            }
        }
    }

    private void apply(Map<String, String> f) {
        if (origin.equals(f.get("origin"))) {
            return;
        }
        switch (f.getOrDefault("type", "")) {
            case "add" -> {
                Instant expires = Instant.ofEpochMilli(Long.parseLong(f.get("expires")));
                if (expires.isAfter(clock.instant())) {
                    local.addShared(f.get("scope"), decode(f.get("vector")), f.get("query"), f.get("answer"), expires);
                }
            }
            case "purge" -> local.purge("*".equals(f.get("prefix")) ? null : f.get("prefix"));
            default -> { }
        }
    }

    private static Map<String, String> fields(List<?> flat) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return m;
    }

    private void pause() {
        try {
            Thread.sleep(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] decode(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        follower.close();
    }
}
