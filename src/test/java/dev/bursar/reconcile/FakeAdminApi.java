package dev.bursar.reconcile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process stand-in for one provider's Admin API, both report endpoints: serves the pages a test set for each
 * path, following {@code page} cursors to the next page ({@code has_more}/{@code next_page}), checks the admin key as
 * the provider does (OpenAI {@code Authorization: Bearer}, Anthropic {@code x-api-key} with {@code anthropic-version})
 * and answers 401 otherwise; {@link #failWith} makes it answer an error status instead.
 */
public final class FakeAdminApi implements AutoCloseable {

    public static final String OPENAI_COSTS = "/v1/organization/costs";
    public static final String OPENAI_USAGE = "/v1/organization/usage/completions";
    public static final String ANTHROPIC_COST = "/v1/organizations/cost_report";
    public static final String ANTHROPIC_USAGE = "/v1/organizations/usage_report/messages";

    /** One request as received. */
    public record Request(String path, String query, String authorization, String apiKey, String version) {
    }

    private final HttpServer server;
    private final boolean openAi;
    private final String key;
    private final Map<String, List<String>> pages = new ConcurrentHashMap<>();
    private volatile int failStatus;
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeAdminApi(boolean openAi, String key) throws IOException {
        this.openAi = openAi;
        this.key = key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : openAi ? List.of(OPENAI_COSTS, OPENAI_USAGE) : List.of(ANTHROPIC_COST, ANTHROPIC_USAGE)) {
            pages.put(path, List.of(emptyPage()));
            server.createContext(path, this::handle);
        }
        server.start();
    }

    public static FakeAdminApi openAi(String key) throws IOException {
        return new FakeAdminApi(true, key);
    }

    public static FakeAdminApi anthropic(String key) throws IOException {
        return new FakeAdminApi(false, key);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What {@code path} answers from now on: these pages, chained by {@code next_page}. */
    public void serve(String path, List<String> served) {
        pages.put(path, List.copyOf(served));
    }

    /** Every request is answered with {@code status} (0: answer normally again). */
    public void failWith(int status) {
        failStatus = status;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        var h = ex.getRequestHeaders();
        requests.add(new Request(path, query, h.getFirst("Authorization"), h.getFirst("x-api-key"),
                h.getFirst("anthropic-version")));
        boolean authorised = openAi ? ("Bearer " + key).equals(h.getFirst("Authorization"))
                : key.equals(h.getFirst("x-api-key")) && h.getFirst("anthropic-version") != null;
        int status = failStatus != 0 ? failStatus : authorised ? 200 : 401;
        String body = status == 200 ? page(pages.get(path), query)
                : "{\"error\":{\"type\":\"" + (status == 401 ? "authentication_error" : "api_error")
                + "\",\"message\":\"status " + status + "\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Page i+1 answers the cursor {@code page_i+1} that page i named in next_page. */
    private static String page(List<String> served, String query) {
        int index = 0;
        for (String p : query == null ? new String[0] : query.split("&")) {
            if (p.startsWith("page=")) {
                index = Integer.parseInt(URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8).substring(5));
            }
        }
        return served.get(index);
    }

    private String emptyPage() {
        return "{\"data\":[],\"has_more\":false,\"next_page\":null}";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- pages in the documented shapes, one result per page so every pull follows next_page ----

    /** A report's results for {@code day}, one per page, chained by {@code next_page} cursors page_1, page_2... */
    private static List<String> chain(boolean openAi, LocalDate day, List<String> results) {
        List<String> out = new ArrayList<>();
        long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String bucket = openAi ? "{\"object\":\"bucket\",\"start_time\":" + start + ",\"end_time\":" + (start + 86_400)
                : "{\"starting_at\":\"" + day + "T00:00:00Z\",\"ending_at\":\"" + day.plusDays(1) + "T00:00:00Z\"";
        List<String> each = results.isEmpty() ? List.of() : results;
        for (int i = 0; i < Math.max(1, each.size()); i++) {
            String r = each.isEmpty() ? "" : each.get(i);
            boolean more = i < each.size() - 1;
            out.add("{" + (openAi ? "\"object\":\"page\"," : "") + "\"data\":[" + bucket + ",\"results\":[" + r + "]}],"
                    + "\"has_more\":" + more + ",\"next_page\":" + (more ? "\"page_" + (i + 1) + "\"" : "null") + "}");
        }
        return out;
    }

    /** OpenAI costs grouped by line_item: per model an input and an output line, in dollars. */
    public static List<String> openAiCosts(LocalDate day, Map<String, BigDecimal[]> inputOutputUsd) {
        List<String> results = new ArrayList<>();
        inputOutputUsd.forEach((model, usd) -> {
            results.add(openAiCost(model + ", input", usd[0]));
            results.add(openAiCost(model + ", output", usd[1]));
        });
        return chain(true, day, results);
    }

    private static String openAiCost(String lineItem, BigDecimal usd) {
        return "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":" + usd.toPlainString()
                + ",\"currency\":\"usd\"},\"line_item\":\"" + lineItem + "\",\"project_id\":null}";
    }

    /** OpenAI completions usage grouped by model: {@code tokens} is input, cached input, output. */
    public static List<String> openAiUsage(LocalDate day, Map<String, long[]> tokens) {
        List<String> results = new ArrayList<>();
        tokens.forEach((model, t) -> results.add("{\"object\":\"organization.usage.completions.result\","
                + "\"input_tokens\":" + t[0] + ",\"input_cached_tokens\":" + t[1] + ",\"output_tokens\":" + t[2]
                + ",\"num_model_requests\":1,\"model\":\"" + model + "\",\"project_id\":null,\"batch\":null}"));
        return chain(true, day, results);
    }

    /** Anthropic cost_report grouped by description: amounts are decimal strings in cents. */
    public static List<String> anthropicCost(LocalDate day, Map<String, BigDecimal> usd) {
        List<String> results = new ArrayList<>();
        usd.forEach((model, dollars) -> results.add("{\"currency\":\"USD\",\"amount\":\""
                + dollars.movePointRight(2).toPlainString() + "\",\"description\":\"Usage - uncached_input_tokens\","
                + "\"cost_type\":\"tokens\",\"model\":\"" + model + "\",\"token_type\":\"uncached_input_tokens\"}"));
        return chain(false, day, results);
    }

    /** Anthropic messages usage grouped by model: {@code tokens} is uncached input, output. */
    public static List<String> anthropicUsage(LocalDate day, Map<String, long[]> tokens) {
        List<String> results = new ArrayList<>();
        tokens.forEach((model, t) -> results.add("{\"uncached_input_tokens\":" + t[0] + ",\"cache_creation\":"
                + "{\"ephemeral_1h_input_tokens\":0,\"ephemeral_5m_input_tokens\":0},\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":" + t[1] + ",\"model\":\"" + model + "\"}"));
        return chain(false, day, results);
    }
}
