package dev.bursar.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard ({@code deploy/grafana/bursar-dashboard.json}) is a valid dashboard model whose every
 * query names a metric a live gateway's {@code /metrics} really exposes, and the README's metric table names every
 * metric {@code /metrics} exposes.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("deploy/grafana/bursar-dashboard.json");
    static final Pattern METRIC = Pattern.compile("\\bbursar_[a-z_]+\\b");
    static RunningBursar bursar;
    static String metrics;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: bad, type: sim, sim: { ttft-millis: 0, server-error-rate: 1.0 } }
                  - { name: good, type: sim, sim: { ttft-millis: 0 } }
                models:
                  - { name: gpt-4o, provider: good }
                  - { name: broken, provider: bad, upstream: gpt-4o }
                cache:
                  exact: { ttl: 1h, max-entries: 100 }
                capture: { enabled: true }
                resilience:
                  circuit-breaker: { failure-rate: 50, window: 30s, min-calls: 20, open-for: 30s }
                """);
        // Traffic that touches every metric: an answer, a cache hit, a provider failure.
        String body = """
                {"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"dashboard"}]}""";
        assertThat(bursar.post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
        assertThat(bursar.post("/v1/chat/completions", body).headers().firstValue("X-Bursar-Cache")).contains("hit-exact");
        assertThat(bursar.post("/v1/chat/completions", body.replace("gpt-4o", "broken")).statusCode()).isGreaterThanOrEqualTo(500);
        HttpResponse<String> r = bursar.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        metrics = r.body();
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    /** The names of the samples (not just the HELP/TYPE lines) /metrics printed. */
    static Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Files.readString(DASHBOARD));
    }

    static List<JsonNode> queryPanels(JsonNode dashboard) {
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            if (!p.path("type").asText().equals("row")) {
                out.add(p);
            }
        });
        return out;
    }

    @Test
    void the_dashboard_is_a_grafana_dashboard_model() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(d.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel ids are unique").isTrue();
            JsonNode g = p.path("gridPos");
            assertThat(g.path("w").asInt()).isBetween(1, 24);
            assertThat(g.path("x").asInt() + g.path("w").asInt()).isLessThanOrEqualTo(24);
            assertThat(g.path("h").asInt()).isPositive();
        }
        List<JsonNode> panels = queryPanels(d);
        assertThat(panels).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(p.path("datasource").path("type").asText()).isEqualTo("prometheus");
            assertThat(p.path("targets")).isNotEmpty();
            p.path("targets").forEach(t -> {
                assertThat(t.path("refId").asText()).isNotBlank();
                assertThat(t.path("expr").asText()).containsPattern(METRIC);
            });
        });
        // What the issue asks the dashboard to show.
        String titles = panels.stream().map(p -> p.path("title").asText().toLowerCase(java.util.Locale.ROOT))
                .reduce("", (a, b) -> a + "|" + b);
        assertThat(titles).contains("spend rate", "requests", "error", "cache savings", "latency", "circuit state");
    }

    @Test
    void every_metric_the_dashboard_queries_is_on_a_live_gateways_metrics_page() throws IOException {
        Set<String> queried = new TreeSet<>();
        for (JsonNode p : queryPanels(dashboard())) {
            p.path("targets").forEach(t -> {
                Matcher m = METRIC.matcher(t.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            });
        }
        assertThat(queried).contains("bursar_cost_usd_total", "bursar_requests_total", "bursar_upstream_errors_total",
                "bursar_cache_saved_usd_total", "bursar_request_duration_seconds_bucket", "bursar_circuit_state");
        assertThat(sampleNames()).containsAll(queried);
    }

    @Test
    void the_readme_documents_every_metric_the_gateway_exposes() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> families = new TreeSet<>();
        sampleNames().forEach(n -> families.add(n.replaceAll("_(bucket|sum|count)$", "")));
        assertThat(families).contains("bursar_request_duration_seconds", "bursar_captures_total");
        assertThat(families).allSatisfy(f -> assertThat(readme).contains("| `" + f + "` |"));
    }
}
