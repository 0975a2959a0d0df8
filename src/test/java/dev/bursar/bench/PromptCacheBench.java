package dev.bursar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.EventIds;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.ledger.PromptPrefixReader;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.TimeRange;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.promptcache.Advice;
import dev.bursar.promptcache.CacheAdvisor;
import dev.bursar.promptcache.CacheLifetime;
import dev.bursar.promptcache.PromptCaching;
import dev.bursar.wire.ClientWire;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Provider prompt caching benchmarks (run by bench/promptcache.sh).
 * <ul>
 * <li>{@code prefix}: what finding a request's stable prefix adds to the request path, in µs per request: each request
 *     body is parsed from bytes as the server does (a fresh tree, fresh strings), and the parse alone is measured
 *     the same way and subtracted.</li>
 * <li>{@code advise DB ROWS}: {@code bursar cache advise} over ROWS ledger rows with prefixes, in a warm JVM.</li>
 * </ul>
 */
public final class PromptCacheBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prefix" -> prefix();
            case "advise" -> advise(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("mode: prefix | advise DB ROWS");
        }
    }

    private static String rules(String topic, int n) {
        StringBuilder sb = new StringBuilder("You are the support assistant for " + topic + ".\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Rule ").append(i).append(": when a customer asks about ").append(topic)
                    .append(", answer politely, cite the policy section and never promise a refund.\n");
        }
        return sb.toString();
    }

    private static byte[] anthropic(String system, String question) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 100);
        body.put("system", system);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return JSON.writeValueAsBytes(body);
    }

    private static void prefix() throws Exception {
        byte[] shortChat = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise"
                + " geography assistant.\"},{\"role\":\"user\",\"content\":\"What is the capital of France? Answer in two"
                + " sentences.\"}],\"max_tokens\":64,\"temperature\":0.2}").getBytes(StandardCharsets.UTF_8);
        byte[] sameLong = anthropic(rules("the billing desk", 80), "Where is my invoice?");
        List<byte[]> newLong = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            newLong.add(anthropic(rules("desk number " + i, 80), "Where is my invoice?"));
        }
        System.out.printf("prompt prefix on the request path (µs per request, parse subtracted); long prompt: %d bytes%n",
                sameLong.length);
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up" : "measured";
            report(label, "short chat (2 messages, skipped by size)", i -> shortChat, ClientWire.OPENAI, false);
            report(label, "long system prompt, the same every time", i -> sameLong, ClientWire.ANTHROPIC, true);
            report(label, "long system prompt, new every time", newLong::get, ClientWire.ANTHROPIC, false);
            report(label, "long system prompt, its second sighting", newLong::get, ClientWire.ANTHROPIC, true);
        }
    }

    private static final int N = 2000;

    /**
     * Best of 5: parse N bodies, then parse them again and find each one's prefix. A fresh {@link PromptCaching} per
     * repetition; with {@code seenBefore} every body was sent to it once already (untimed).
     */
    private static void report(String label, String what, IntFunction<byte[]> bodies, ClientWire wire,
                               boolean seenBefore) throws Exception {
        long parseOnly = Long.MAX_VALUE;
        long withPrefix = Long.MAX_VALUE;
        int counted = 0;
        for (int rep = 0; rep < 5; rep++) {
            PromptCaching caching = PromptCaching.recordOnly(Clock.systemUTC());
            if (seenBefore) {
                for (int i = 0; i < N; i++) {
                    caching.prefix(wire, Endpoint.CHAT, "claude-sonnet-4-5", JSON.readTree(bodies.apply(i)));
                }
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                JSON.readTree(bodies.apply(i));
            }
            long t1 = System.nanoTime();
            counted = 0;
            for (int i = 0; i < N; i++) {
                ObjectNode body = (ObjectNode) JSON.readTree(bodies.apply(i));
                var prefix = caching.prefix(wire, Endpoint.CHAT, "claude-sonnet-4-5", body).recorded();
                counted += prefix != null && prefix.tokens().isPresent() ? 1 : 0;
            }
            long t2 = System.nanoTime();
            parseOnly = Math.min(parseOnly, t1 - t0);
            withPrefix = Math.min(withPrefix, t2 - t1);
        }
        System.out.printf("  %-8s %-42s parse %5.1f µs, parse + prefix %6.1f µs, prefix %6.1f µs (%d of %d counted)%n",
                label, what, parseOnly / 1e3 / N, withPrefix / 1e3 / N, (withPrefix - parseOnly) / 1e3 / N, counted, N);
    }

    /**
     * ROWS calls over one month: 10 features × 3 prompt versions × 4 models × 10 prefixes (1,200 groups), each call
     * 0–15 minutes after the one before in its group, a third of them already read from the provider's cache.
     */
    private static void advise(Path db, int rows) throws Exception {
        String[] models = {"claude-sonnet-4-5", "claude-haiku-4-5", "gpt-4o", "gpt-4.1"};
        StorageConfig storage = new StorageConfig(db.toString(), null, null);
        if (!Files.exists(db)) {
            SplittableRandom r = new SplittableRandom(7);
            Instant start = Instant.parse("2026-10-01T00:00:00Z");
            long t0 = System.nanoTime();
            try (Stores s = Stores.open(storage)) {
                SqlLedger ledger = (SqlLedger) s.ledger();
                List<UsageEvent> batch = new ArrayList<>();
                long[] clock = new long[1200];
                for (int i = 0; i < rows; i++) {
                    int group = r.nextInt(1200);
                    clock[group] += r.nextInt(900);
                    int prefix = 1024 + (group % 10) * 700;
                    long cached = r.nextInt(3) == 0 ? prefix : 0;
                    batch.add(new UsageEvent(EventIds.next(), "r" + i, start.plusSeconds(clock[group] % (30 * 86_400L)),
                            new Attribution("k", "acme", null, null, "feature-" + group % 10, null, "v" + group / 10 % 3),
                            new UsageEvent.Models(models[group / 30 % 4], models[group / 30 % 4], models[group / 30 % 4], "p", "configured"),
                            new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null,
                                    new PromptPrefix(String.format("%016x", group * 7919L), prefix)),
                            new Usage(prefix + 300, cached, 0, 0, 120, 0),
                            new UsageEvent.Charge(BigDecimal.ZERO, BigDecimal.ZERO, "p", false, null),
                            new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1)));
                    if (batch.size() == 50_000) {
                        ledger.appendAll(batch);
                        batch.clear();
                    }
                }
                ledger.appendAll(batch);
            }
            System.out.printf("advise: generated %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
        TimeRange october = new TimeRange(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
        try (Stores s = Stores.open(storage)) {
            CacheAdvisor advisor = new CacheAdvisor(PriceCatalog.bundled());
            for (int i = 0; i < 4; i++) {
                long t0 = System.nanoTime();
                Advice advice = advisor.advise(new PromptPrefixReader(s.database()), october, CacheLifetime.FIVE_MINUTES);
                System.out.printf("advise: %,d calls read, %d groups with reuses, saving %s USD, in %.0f ms%s%n",
                        rows, advice.rows().size(), advice.totals().costs().saving().toPlainString(),
                        (System.nanoTime() - t0) / 1e6, i == 0 ? " (cold)" : "");
            }
        }
    }
}
