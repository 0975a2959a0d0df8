package dev.bursar.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Lua script run by EVALSHA (its text is not sent with every call); when Redis has forgotten it (a restart, SCRIPT
 * FLUSH) the call is repeated once as EVAL, which also caches it again. {@link RedisPipe#preload} loads it up front.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    public LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script in resource {@code name} next to {@code owner}, e.g. {@code fromResource(Foo.class, "admit.lua")}. */
    public static LuaScript fromResource(Class<?> owner, String... names) {
        StringBuilder source = new StringBuilder();
        for (String n : names) {
            try (InputStream in = owner.getResourceAsStream(n)) {
                if (in == null) {
                    throw new IllegalStateException("script " + n + " is missing from the build (next to " + owner.getName() + ")");
                }
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("cannot read script " + n, e);
            }
        }
        return new LuaScript(names[names.length - 1], source.toString());
    }

    public String name() {
        return name;
    }

    String source() {
        return source;
    }

    /** Sends the call; the future holds the script's reply. */
    public CompletableFuture<Object> eval(RedisPipe redis, List<String> keys, List<String> args) {
        return redis.send(command("EVALSHA", sha, keys, args))
                .exceptionallyCompose(e -> RedisPipe.unwrap(e) instanceof RedisError err && err.kind().equals("NOSCRIPT")
                        ? redis.send(command("EVAL", source, keys, args))
                        : CompletableFuture.failedFuture(RedisPipe.unwrap(e)));
    }

    /** Runs the script and waits for its reply (at most {@link RedisPipe#REPLY_TIMEOUT_MILLIS}). */
    public Object run(RedisPipe redis, List<String> keys, List<String> args) {
        return redis.await(eval(redis, keys, args));
    }

    private static List<String> command(String verb, String script, List<String> keys, List<String> args) {
        List<String> c = new ArrayList<>(3 + keys.size() + args.size());
        c.add(verb);
        c.add(script);
        c.add(Integer.toString(keys.size()));
        c.addAll(keys);
        c.addAll(args);
        return c;
    }
}
