package dev.bursar.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a provider report with an admin key, following {@code has_more}/{@code next_page} to the last page, and
 * returns the pages as one JSON array (what {@link ProviderReports#read} takes). Requests ask for what reconciling
 * needs: daily buckets, grouped by model (usage) or by line item / description (costs), the largest page allowed.
 */
public final class ReportPuller {

    public static final String OPENAI = "https://api.openai.com";
    public static final String ANTHROPIC = "https://api.anthropic.com";
    private static final int MAX_PAGES = 1_000;

    private final HttpClient http;
    private final String baseUrl;
    private final String adminKey;

    /** {@code baseUrl} without a trailing slash, e.g. {@link #OPENAI}. */
    public ReportPuller(HttpClient http, String baseUrl, String adminKey) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminKey = adminKey;
    }

    public String pull(Source source, Instant from, Instant to) throws IOException, InterruptedException {
        List<String> pages = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> res = http.send(request(source, from, to, cursor), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                String body = res.body().length() > 300 ? res.body().substring(0, 300) + "…" : res.body();
                throw new IOException(source.provider() + " answered HTTP " + res.statusCode() + ": " + body);
            }
            pages.add(res.body());
            JsonNode page = ReportPages.JSON.readTree(res.body());
            cursor = page.path("has_more").asBoolean(false) && page.path("next_page").isTextual()
                    ? page.get("next_page").asText() : null;
        } while (cursor != null && pages.size() < MAX_PAGES);
        if (cursor != null) {
            throw new IOException(source.provider() + " still had more after " + MAX_PAGES + " pages; narrow the range");
        }
        return "[" + String.join(",", pages) + "]";
    }

    private HttpRequest request(Source source, Instant from, Instant to, String cursor) {
        boolean openAi = source.provider().equals("openai");
        String query = switch (source) {
            case OPENAI_COSTS -> "/v1/organization/costs?group_by[]=line_item&limit=180";
            case OPENAI_USAGE -> "/v1/organization/usage/completions?group_by[]=model&limit=31";
            case ANTHROPIC_COST -> "/v1/organizations/cost_report?group_by[]=description&limit=31";
            case ANTHROPIC_USAGE -> "/v1/organizations/usage_report/messages?group_by[]=model&limit=31";
        };
        query += "&bucket_width=1d" + (openAi
                ? "&start_time=" + from.getEpochSecond() + "&end_time=" + to.getEpochSecond()
                : "&starting_at=" + encode(from.toString()) + "&ending_at=" + encode(to.toString()))
                + (cursor == null ? "" : "&page=" + encode(cursor));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + query.replace("[]", "%5B%5D")))
                .timeout(Duration.ofSeconds(60)).GET();
        if (openAi) {
            b.header("Authorization", "Bearer " + adminKey);
        } else {
            b.header("x-api-key", adminKey).header("anthropic-version", "2023-06-01");
        }
        return b.build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
