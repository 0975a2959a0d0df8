package dev.bursar.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** The pipelined connection against the real Redis on 127.0.0.1:6379 (keys under a random prefix). */
class RedisPipeTest {

    static final String URL = "redis://127.0.0.1:6379";
    final String prefix = "test-pipe-" + UUID.randomUUID();

    @Test
    void replies_come_back_to_their_own_callers_in_order_under_concurrency() throws Exception {
        try (RedisPipe redis = new RedisPipe(URL, prefix)) {
            List<Thread> callers = new ArrayList<>();
            List<Throwable> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 32; t++) {
                int caller = t;
                callers.add(Thread.startVirtualThread(() -> {
                    for (int i = 1; i <= 200; i++) {
                        Object n = redis.call(List.of("INCR", prefix + ":c" + caller));
                        if (!Long.valueOf(i).equals(n)) {
                            wrong.add(new AssertionError("caller " + caller + " got " + n + " for its increment " + i));
                        }
                    }
                }));
            }
            for (Thread t : callers) {
                t.join();
            }
            assertThat(wrong).isEmpty();
            assertThat(redis.call(List.of("GET", prefix + ":c7"))).isEqualTo("200");
        } finally {
            cleanUp();
        }
    }

    @Test
    void a_command_sent_without_waiting_runs_before_every_later_command() {
        try (RedisPipe redis = new RedisPipe(URL, prefix)) {
            for (int i = 0; i < 1000; i++) {
                redis.send(List.of("RPUSH", prefix + ":list", Integer.toString(i)));
            }
            assertThat(redis.call(List.of("LLEN", prefix + ":list"))).isEqualTo(1000L);
            assertThat(redis.call(List.of("LINDEX", prefix + ":list", "999"))).isEqualTo("999");
        } finally {
            cleanUp();
        }
    }

    @Test
    void replies_of_every_type_are_decoded() {
        try (RedisPipe redis = new RedisPipe(URL, prefix)) {
            assertThat(redis.call(List.of("PING"))).isEqualTo("PONG");
            assertThat(redis.call(List.of("SET", prefix + ":k", "grüße\r\nzwei Zeilen"))).isEqualTo("OK");
            assertThat(redis.call(List.of("GET", prefix + ":k"))).isEqualTo("grüße\r\nzwei Zeilen");
            assertThat(redis.call(List.of("GET", prefix + ":absent"))).isNull();
            LuaScript script = new LuaScript("mixed", "return {1, 'two', false, {3}}");
            // Lua false becomes a nil reply
            assertThat(script.run(redis, List.of(), List.of())).isEqualTo(java.util.Arrays.asList(1L, "two", null, List.of(3L)));
        } finally {
            cleanUp();
        }
    }

    @Test
    void an_error_reply_fails_only_its_own_command() {
        try (RedisPipe redis = new RedisPipe(URL, prefix)) {
            redis.call(List.of("SET", prefix + ":s", "text"));
            CompletableFuture<Object> bad = redis.send(List.of("INCR", prefix + ":s"));
            CompletableFuture<Object> good = redis.send(List.of("INCR", prefix + ":n"));
            assertThatThrownBy(() -> redis.await(bad)).isInstanceOf(RedisError.class).hasMessageContaining("not an integer");
            LuaScript fails = new LuaScript("fails", "return redis.error_reply('kein Budget für Müller')");
            assertThatThrownBy(() -> fails.run(redis, List.of(), List.of())).isInstanceOf(RedisError.class)
                    .hasMessage("kein Budget für Müller");
            assertThat(redis.await(good)).isEqualTo(1L);
        } finally {
            cleanUp();
        }
    }

    @Test
    void a_script_redis_forgot_is_sent_again_whole() {
        try (RedisPipe redis = new RedisPipe(URL, prefix); Jedis admin = new Jedis("127.0.0.1", 6379)) {
            LuaScript script = new LuaScript("echo", "return ARGV[1] .. '-" + prefix + "'");
            redis.preload(script);
            assertThat(script.run(redis, List.of(), List.of("a"))).isEqualTo("a-" + prefix);
            admin.scriptFlush();
            assertThat(script.run(redis, List.of(), List.of("b"))).isEqualTo("b-" + prefix);
        }
    }

    @Test
    void a_killed_connection_fails_what_was_in_flight_and_the_next_command_connects_again() throws Exception {
        try (RedisPipe redis = new RedisPipe(URL, prefix); Jedis admin = new Jedis("127.0.0.1", 6379)) {
            assertThat(redis.call(List.of("PING"))).isEqualTo("PONG");
            CompletableFuture<Object> blocked = redis.send(List.of("BLPOP", prefix + ":never", "5"));
            Await.until("redis is blocked in our BLPOP", Duration.ofSeconds(5), () -> admin.clientList().lines()
                    .anyMatch(line -> line.contains("name=" + prefix + " ") && line.contains("cmd=blpop")));
            long killed = 0;
            for (String line : admin.clientList().split("\n")) {
                if (line.contains("name=" + prefix + " ")) {
                    killed += admin.clientKill(new ClientKillParams().id(line.replaceAll(".*\\bid=(\\d+).*", "$1")));
                }
            }
            assertThat(killed).isEqualTo(1);
            assertThatThrownBy(() -> redis.await(blocked)).isInstanceOf(RedisUnavailable.class)
                    .hasMessageContaining("connection lost");
            assertThat(redis.call(List.of("PING"))).isEqualTo("PONG");
        }
    }

    @Test
    void a_server_that_stops_answering_fails_the_command_after_the_reply_timeout_and_drops_the_connection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.startVirtualThread(() -> {
                try (Socket s = silent.accept(); InputStream in = s.getInputStream()) {
                    in.read(new byte[256]); // the hand-shake: CLIENT SETNAME
                    s.getOutputStream().write("+OK\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    in.transferTo(OutputStreamHole.INSTANCE); // and then silence
                } catch (IOException ignored) {
                    // the pipe hung up
                }
            });
            try (RedisPipe redis = new RedisPipe("redis://127.0.0.1:" + silent.getLocalPort(), prefix)) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> redis.call(List.of("PING"))).isInstanceOf(RedisUnavailable.class)
                        .hasMessageContaining("no reply within " + RedisPipe.REPLY_TIMEOUT_MILLIS + " ms");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(ms).isBetween((long) RedisPipe.REPLY_TIMEOUT_MILLIS, RedisPipe.REPLY_TIMEOUT_MILLIS + 1_000L);
            }
        }
    }

    @Test
    void nothing_listening_is_unavailable_at_once_and_names_the_address_without_its_password() {
        try (RedisPipe redis = new RedisPipe("redis://user:secret@127.0.0.1:1/3", prefix)) {
            assertThatThrownBy(() -> redis.call(List.of("PING"))).isInstanceOf(RedisUnavailable.class)
                    .hasMessageContaining("redis://***@127.0.0.1:1/3").hasMessageNotContaining("secret");
            // within the reconnect pause the next call does not even try
            assertThatThrownBy(() -> redis.call(List.of("PING"))).isInstanceOf(RedisUnavailable.class);
        }
    }

    @Test
    void urls_are_parsed_like_redis_clients_do() {
        assertThat(RedisAddress.parse("redis://127.0.0.1:6379"))
                .isEqualTo(new RedisAddress("127.0.0.1", 6379, false, null, null, 0, "redis://127.0.0.1:6379"));
        assertThat(RedisAddress.parse("rediss://:p%40ss@cache.example:6380/2"))
                .isEqualTo(new RedisAddress("cache.example", 6380, true, null, "p@ss", 2, "rediss://***@cache.example:6380/2"));
        assertThat(RedisAddress.parse("redis://alice:pw@h").user()).isEqualTo("alice");
        assertThatThrownBy(() -> RedisAddress.parse("http://h:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisAddress.parse("redis://h:1/x")).hasMessageContaining("database number");
    }

    private void cleanUp() {
        try (Jedis admin = new Jedis("127.0.0.1", 6379)) {
            for (String k : admin.keys(prefix + ":*")) {
                admin.del(k);
            }
        }
    }

    /** Swallows bytes. */
    private static final class OutputStreamHole extends java.io.OutputStream {
        static final OutputStreamHole INSTANCE = new OutputStreamHole();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
