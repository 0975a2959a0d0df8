package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.RunningBursar;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nobody can grow /metrics at will: model labels name served models, and only for authenticated callers. */
class MetricsLabelsGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                keys:
                  - { key: app-key, customer: acme }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void unauthenticated_and_unknown_models_are_counted_as_unknown_without_new_series() {
        List<String> randomNames = List.of("zz-random-1", "zz-random-2", "zz-random-3");
        for (String name : randomNames) {
            assertThat(bursar.post("/v1/chat/completions", chat(name)).statusCode()).isEqualTo(401);
            assertThat(bursar.post("/v1/chat/completions", chat(name), "Authorization", "Bearer wrong-key").statusCode()).isEqualTo(401);
            assertThat(bursar.post("/v1/chat/completions", chat(name), "Authorization", "Bearer app-key").statusCode()).isEqualTo(404);
        }
        // Refused before authentication, with a served model's name: still not labelled with it.
        assertThat(bursar.post("/v1/chat/completions", chat("gpt-4o"), "Authorization", "Bearer wrong-key").statusCode()).isEqualTo(401);
        assertThat(bursar.post("/v1/chat/completions", chat("gpt-4o-mini"), "Authorization", "Bearer app-key").statusCode()).isEqualTo(200);

        String metrics = bursar.get("/metrics").body();

        assertThat(metrics).doesNotContain("zz-random");
        assertThat(metrics).contains("bursar_requests_total{endpoint=\"chat\",model=\"unknown\",provider=\"\",status=\"401\"} 7");
        assertThat(metrics).contains("bursar_requests_total{endpoint=\"chat\",model=\"unknown\",provider=\"\",status=\"404\"} 3");
        assertThat(metrics).doesNotContain("model=\"gpt-4o\",");
        assertThat(metrics).contains("model=\"gpt-4o-mini\",provider=\"sim\",status=\"200\"} 1");
    }

    @Test
    void requests_refused_before_the_gateway_reads_them_are_counted_as_unknown() {
        bursar.post("/v1/embeddings", "{\"model\":\"zz-body-model\", broken", "Authorization", "Bearer app-key");

        assertThat(bursar.get("/metrics").body())
                .doesNotContain("zz-body-model")
                .contains("bursar_requests_total{endpoint=\"embeddings\",model=\"unknown\",provider=\"\",status=\"400\"} 1");
    }
}
