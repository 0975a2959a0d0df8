package dev.bursar.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.alerts.AlertRecord;
import dev.bursar.testing.Await;
import dev.bursar.testing.RunningBursar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** With {@code cache.redis: true} every replica gives the answers any replica was given; Redis down bypasses the cache. */
class RedisCacheGatewayTest {

    static String config(String redis) {
        return """
                redis: %s
                providers: [ { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } } ]
                keys: [ { key: acme-key, customer: acme }, { key: globex-key, customer: globex } ]
                cache:
                  exact: { ttl: 1h }
                  redis: true
                """.formatted(redis);
    }

    static final String CHAT = """
            {"model":"gpt-4o-mini","max_tokens":30,"messages":[{"role":"user","content":"shared between replicas?"}]}""";

    static String cacheOf(HttpResponse<String> r) {
        return r.headers().firstValue("X-Bursar-Cache").orElse("(none)");
    }

    @Test
    void an_answer_kept_by_one_replica_is_a_hit_on_another_and_purge_clears_both() {
        String run = UUID.randomUUID().toString();
        String redis = "{ url: \"redis://127.0.0.1:6379\", key-prefix: \"bursar-test-" + run + "\" }";
        try (RunningBursar a = RunningBursar.start(config(redis));
             RunningBursar b = RunningBursar.start(config(redis));
             UnifiedJedis direct = RedisClient.create(URI.create("redis://127.0.0.1:6379"))) {
            HttpResponse<String> first = a.post("/v1/chat/completions", CHAT, "Authorization", "Bearer acme-key");
            // An answer is written to Redis after it is sent: the other replica can only find it once it is there.
            Await.until("the answer in Redis", Duration.ofSeconds(5), () -> answers(direct, run) == 1);
            HttpResponse<String> second = b.post("/v1/chat/completions", CHAT, "Authorization", "Bearer acme-key");
            assertThat(cacheOf(first)).isEqualTo("miss");
            assertThat(cacheOf(second)).isEqualTo("hit-exact");
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.headers().firstValue("X-Bursar-Saved-Usd"))
                    .isEqualTo(first.headers().firstValue("X-Bursar-Cost-Usd"));
            assertThat(cacheOf(b.post("/v1/chat/completions", CHAT, "Authorization", "Bearer globex-key"))).isEqualTo("miss");
            Await.until("globex's answer in Redis", Duration.ofSeconds(5), () -> answers(direct, run) == 2);

            assertThat(b.delete("/admin/cache?customer=acme", "Authorization", "Bearer " + RunningBursar.MASTER_KEY).body())
                    .contains("\"removed\":1");
            assertThat(cacheOf(a.post("/v1/chat/completions", CHAT, "Authorization", "Bearer acme-key"))).isEqualTo("miss");
            assertThat(cacheOf(a.post("/v1/chat/completions", CHAT, "Authorization", "Bearer globex-key"))).isEqualTo("hit-exact");
        }
    }

    static int answers(UnifiedJedis redis, String run) {
        return redis.keys("*" + run + "*:cache:a:*").size();
    }

    @Test
    void redis_down_means_calls_are_answered_uncached_and_an_alert_is_raised() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RunningBursar bursar = RunningBursar.start(config("\"redis://127.0.0.1:" + closedPort + "\""))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = bursar.post("/v1/chat/completions", CHAT, "Authorization", "Bearer acme-key");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(cacheOf(r)).isEqualTo("miss");
            }
            assertThat(bursar.ledgerRows()).hasSize(3);
            Await.until("a cache-store-unavailable alert", Duration.ofSeconds(10), () -> bursar.bursar().alerts().recent(10)
                    .stream().map(AlertRecord::type).anyMatch("cache-store-unavailable"::equals));
        }
    }
}
