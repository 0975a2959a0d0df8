package dev.bursar.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the four provider reports from their documented response shapes (OpenAI's openapi spec, Anthropic's Admin
 * API reference): pages of {@code data} buckets, each with its {@code results}. A bucket's UTC start date is the
 * row's day, so buckets should be {@code 1d} (finer buckets simply add up into their day).
 */
public final class ProviderReports {

    private ProviderReports() {
    }

    /** Parses the text of a saved report (one page, an array of pages, or JSONL pages); {@code name} is for errors. */
    public static ProviderReport read(Source source, String text, String name, ModelNamer names) {
        List<JsonNode> pages = ReportPages.parse(text, name);
        List<ProviderLine> lines = new ArrayList<>();
        Instant from = null, to = null;
        for (JsonNode page : pages) {
            for (JsonNode bucket : page.get("data")) {
                Instant start = bucketTime(source, bucket, true, name);
                Instant end = bucketTime(source, bucket, false, name);
                from = from == null || start.isBefore(from) ? start : from;
                to = to == null || end.isAfter(to) ? end : to;
                LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
                for (JsonNode r : bucket.path("results")) {
                    String model = text(r, "model").map(names::normalise).orElse(model(source, r, names));
                    lines.add(new ProviderLine(day, model, side(source, r, name)));
                }
            }
        }
        return new ProviderReport(source, lines,
                from == null ? Optional.empty() : Optional.of(new ProviderReport.Span(from, to)));
    }

    /** What turns a reported model name into the ledger's model (see {@link ModelNames}). */
    public interface ModelNamer {
        String normalise(String reported);
    }

    private static Side side(Source source, JsonNode r, String name) {
        return switch (source) {
            case OPENAI_COSTS -> new Side(Usage.ZERO, openAiDollars(r, name));
            case ANTHROPIC_COST -> new Side(Usage.ZERO, anthropicCents(r, name));
            case OPENAI_USAGE -> new Side(openAiTokens(r, name), Money.ZERO);
            case ANTHROPIC_USAGE -> new Side(anthropicTokens(r), Money.ZERO);
        };
    }

    /**
     * A result without a {@code model}: OpenAI cost line items read "{@code <model>, <token type>}" (grouped by
     * {@code line_item}); otherwise the report was not grouped by model and the line is the whole day's.
     */
    private static String model(Source source, JsonNode r, ModelNamer names) {
        if (source == Source.OPENAI_COSTS) {
            Optional<String> item = text(r, "line_item");
            if (item.isPresent() && item.get().contains(",")) {
                return names.normalise(item.get().substring(0, item.get().indexOf(',')).strip());
            }
        }
        return ProviderLine.ALL_MODELS;
    }

    /** OpenAI: {@code amount: {value: 0.06, currency: "usd"}}, in dollars. */
    static BigDecimal openAiDollars(JsonNode r, String name) {
        JsonNode amount = r.path("amount");
        currency(amount.path("currency").asText("usd"), name);
        return exact(amount.path("value"), name);
    }

    /** Anthropic: {@code amount: "123.45"} is in cents (the lowest currency unit), so $1.2345. */
    static BigDecimal anthropicCents(JsonNode r, String name) {
        currency(r.path("currency").asText("USD"), name);
        return exact(r.path("amount"), name).movePointLeft(2);
    }

    private static BigDecimal exact(JsonNode value, String name) {
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException(name + ": a cost result has no amount");
        }
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": amount '" + value.asText() + "' is not a decimal number");
        }
    }

    private static void currency(String currency, String name) {
        if (!currency.equalsIgnoreCase("usd")) {
            throw new IllegalArgumentException(name + ": amount in " + currency + "; Bursar's ledger is in USD");
        }
    }

    /**
     * OpenAI's {@code input_tokens} is the whole prompt: {@code input_cached_tokens} and (since July 2026)
     * {@code input_cache_write_tokens} are parts of it, as in Bursar's {@link Usage}.
     */
    static Usage openAiTokens(JsonNode r, String name) {
        try {
            return new Usage(r.path("input_tokens").asLong(), r.path("input_cached_tokens").asLong(),
                    r.path("input_cache_write_tokens").asLong(), 0, r.path("output_tokens").asLong(), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": a usage result does not add up: " + e.getMessage(), e);
        }
    }

    /** Anthropic reports the prompt in disjoint parts; Bursar's input is their sum. */
    static Usage anthropicTokens(JsonNode r) {
        long uncached = r.path("uncached_input_tokens").asLong();
        long read = r.path("cache_read_input_tokens").asLong();
        long write5m = r.path("cache_creation").path("ephemeral_5m_input_tokens").asLong();
        long write1h = r.path("cache_creation").path("ephemeral_1h_input_tokens").asLong();
        return new Usage(uncached + read + write5m + write1h, read, write5m, write1h, r.path("output_tokens").asLong(), 0);
    }

    /** OpenAI buckets: {@code start_time}/{@code end_time} in Unix seconds; Anthropic: RFC 3339 {@code starting_at}. */
    private static Instant bucketTime(Source source, JsonNode bucket, boolean start, String name) {
        boolean openAi = source.provider().equals("openai");
        String field = openAi ? (start ? "start_time" : "end_time") : (start ? "starting_at" : "ending_at");
        JsonNode v = bucket.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new IllegalArgumentException(name + ": a bucket has no " + field + " (is this a "
                    + source.option().substring(2) + " report?)");
        }
        if (openAi) {
            if (!v.canConvertToLong()) {
                throw new IllegalArgumentException(name + ": " + field + " '" + v.asText() + "' is not Unix seconds");
            }
            return Instant.ofEpochSecond(v.asLong());
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": " + field + " '" + v.asText() + "' is not an RFC 3339 time");
        }
    }

    private static Optional<String> text(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }
}
