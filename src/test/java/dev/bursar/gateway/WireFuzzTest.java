package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RawHttpClient;
import dev.bursar.testing.RequestMutator;
import dev.bursar.testing.RunningBursar;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid OpenAI and Anthropic requests, sent over HTTP to a real gateway: never a 5xx, every
 * answer in its endpoint's wire shape with a request id, and no ledger row for a request Bursar refused. The seed is
 * printed; rerun one with {@code -Dbursar.fuzz.seed=N} (and {@code -Dbursar.fuzz.cases=N}).
 */
class WireFuzzTest {

    static final int MAX_BODY = 64 * 1024;

    @Test
    void no_mutated_request_gets_a_5xx_a_wrong_wire_shape_or_a_ledger_row_when_refused() throws Exception {
        long seed = Long.getLong("bursar.fuzz.seed", System.nanoTime());
        int cases = Integer.getInteger("bursar.fuzz.cases", 10_000);
        System.out.println("WireFuzzTest seed=" + seed + " cases=" + cases + " (rerun with -Dbursar.fuzz.seed=" + seed + ")");
        Map<String, String> refused = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (RunningBursar bursar = RunningBursar.start("""
                server: { max-body-bytes: %d }
                providers: [ { name: sim, type: sim } ]
                keys:
                  - { key: app-key, customer: acme }
                """.formatted(MAX_BODY))) {
            RawHttpClient http = new RawHttpClient(URI.create(bursar.baseUrl()).getPort());
            RequestMutator mutator = new RequestMutator(MAX_BODY);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int i = 0; i < cases; i++) {
                long caseSeed = seed + i;
                pool.execute(() -> {
                    RequestMutator.Case c = mutator.next(new Random(caseSeed));
                    long t0 = System.nanoTime();
                    try {
                        check(c, http.send("POST", c.path(), c.headers(), c.body()), refused)
                                .ifPresent(why -> failures.add("case seed " + caseSeed + ": " + why + "\n    request: " + c.what()));
                    } catch (RuntimeException e) {
                        failures.add("case seed " + caseSeed + ": " + e + "\n    request: " + c.what());
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (ms > 1000) {
                        System.out.println("SLOW " + ms + " ms: " + c.what());
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

            // A request Bursar refused leaves no row. One the provider refused (the sim checks what the real provider
            // would) was an attempt: it is booked as a failed attempt that cost nothing, like a real provider's 400.
            List<String> booked = bursar.ledgerRows().stream().filter(row -> refused.containsKey(row.path("request_id").asText()))
                    .filter(row -> !(refused.get(row.path("request_id").asText()).contains("\"message\":\"Provider '")
                            && row.path("status").asText().equals("error") && row.path("cost_usd").asText().equals("0")))
                    .map(row -> row + "\n    answer: " + refused.get(row.path("request_id").asText())).toList();
            assertThat(booked).as("ledger rows of requests Bursar refused (seed %d)", seed).isEmpty();
        }
        assertThat(failures).as("seed %d: %d of %d cases failed", seed, failures.size(), cases)
                .isEmpty();
    }

    /** Why the answer is wrong, if it is. Refused requests' ids go to {@code refused}. */
    private static java.util.Optional<String> check(RequestMutator.Case c, RawHttpClient.Response r, Map<String, String> refused) {
        String requestId = r.header("X-Bursar-Request-Id");
        if (r.status() >= 500) {
            return java.util.Optional.of("status " + r.status() + ": " + abbreviate(r.text()));
        }
        if (requestId == null) {
            return java.util.Optional.of("no X-Bursar-Request-Id on status " + r.status() + ": " + abbreviate(r.text()));
        }
        if (r.status() == 200) {
            return java.util.Optional.empty();
        }
        refused.put(requestId, r.status() + " " + abbreviate(r.text()));
        JsonNode body;
        try {
            body = Golden.JSON.readTree(r.body());
        } catch (Exception e) {
            return java.util.Optional.of("status " + r.status() + " with a body that is not JSON: " + abbreviate(r.text()));
        }
        boolean anthropic = c.path().equals("/v1/messages");
        boolean shaped = anthropic
                ? body.path("type").asText().equals("error") && body.path("error").path("type").isTextual()
                        && body.path("error").path("message").isTextual()
                : body.path("error").path("message").isTextual() && body.path("error").path("type").isTextual()
                        && body.path("error").has("param") && body.path("error").has("code");
        return shaped ? java.util.Optional.empty()
                : java.util.Optional.of("status " + r.status() + " not in the " + (anthropic ? "Anthropic" : "OpenAI")
                        + " error shape: " + abbreviate(r.text()));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
