package dev.bursar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.EventIds;
import dev.bursar.ledger.PromptParts;
import dev.bursar.ledger.PromptPartsReader;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.TimeRange;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.promptaudit.PromptAudit;
import dev.bursar.promptaudit.PromptAuditReport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import dev.bursar.promptcache.PromptCaching;
import dev.bursar.promptcache.PromptPartsCounter;
import dev.bursar.wire.ClientWire;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What counting a request's prompt parts (system prompt and tools, last user message) adds to the request path, in
 * µs of CPU per request (run by bench/promptparts.sh). Each body is parsed from bytes as the server does (fresh
 * tree, fresh strings); the parse alone is measured the same way and subtracted. "prefix before" is the prompt
 * prefix work the request path did before the parts were counted (PromptCaching.prefix minus the parts), "after"
 * the two together. Best of 5 repetitions of N requests.
 */
public final class PromptPartsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 2000;

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("audit")) {
            audit(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        String longSystem = rules("the billing desk", 120);
        List<byte[]> newSystem = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            newSystem.add(openAi(rules("desk number " + i, 120), 1, false));
        }
        byte[] shortChat = openAi("You are a concise geography assistant.", 1, false);
        byte[] sameLong = openAi(longSystem, 1, false);
        byte[] conversation = openAi(longSystem, 21, false);
        byte[] tools = openAi(longSystem, 1, true);
        byte[] anthropic = anthropic(longSystem);
        System.out.printf("prompt parts on the request path (µs per request, parse subtracted, best of 5 × %d)%n", N);
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up" : "measured";
            report(label, "short chat (system sentence + question)", i -> shortChat, ClientWire.OPENAI, "gpt-4o-mini");
            report(label, "2k-token system prompt, the same each time", i -> sameLong, ClientWire.OPENAI, "gpt-4o-mini");
            report(label, "2k-token system + 20-message conversation", i -> conversation, ClientWire.OPENAI, "gpt-4o-mini");
            report(label, "2k-token system + 5 tool definitions", i -> tools, ClientWire.OPENAI, "gpt-4o-mini");
            report(label, "2k-token system, Anthropic wire", i -> anthropic, ClientWire.ANTHROPIC, "claude-sonnet-4-5");
            report(label, "2k-token system, new every request", newSystem::get, ClientWire.OPENAI, "gpt-4o-mini");
        }
    }

    /**
     * {@code bursar audit prompts} over ROWS ledger rows with prompt parts in one month (10 features × 3 prompt
     * versions, 4 models, a third of the calls reading their system prompt from the provider's cache), in a warm JVM.
     */
    private static void audit(Path db, int rows) throws Exception {
        String[] models = {"claude-sonnet-4-5", "claude-haiku-4-5", "gpt-4o", "gpt-4.1"};
        StorageConfig storage = new StorageConfig(db.toString(), null, null);
        if (!Files.exists(db)) {
            SplittableRandom r = new SplittableRandom(7);
            Instant start = Instant.parse("2026-10-01T00:00:00Z");
            long t0 = System.nanoTime();
            try (Stores s = Stores.open(storage)) {
                SqlLedger ledger = (SqlLedger) s.ledger();
                List<UsageEvent> batch = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    int feature = r.nextInt(10);
                    int version = r.nextInt(3);
                    String model = models[r.nextInt(4)];
                    int system = 500 + feature * 200 + version * 150;
                    int conversation = r.nextInt(3000);
                    int last = 20 + r.nextInt(200);
                    long cached = r.nextInt(3) == 0 ? system : 0;
                    batch.add(new UsageEvent(EventIds.next(), "r" + i, start.plusSeconds(r.nextLong(30 * 86_400L)),
                            new Attribution("k", "acme", null, null, "feature-" + feature, null, "v" + version),
                            new UsageEvent.Models(model, model, model, "p", "configured"),
                            new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "none", null, null,
                                    new PromptParts(String.format("%016x", feature * 31L + version), system, conversation, last)),
                            new Usage(system + conversation + last, cached, 0, 0, 120, 0),
                            new UsageEvent.Charge(BigDecimal.ZERO, BigDecimal.ZERO, "p", false, null),
                            new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1)));
                    if (batch.size() == 50_000) {
                        ledger.appendAll(batch);
                        batch.clear();
                    }
                }
                ledger.appendAll(batch);
            }
            System.out.printf("audit: generated %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
        TimeRange october = new TimeRange(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
        try (Stores s = Stores.open(storage)) {
            PromptAudit audit = new PromptAudit(PriceCatalog.bundled());
            for (int i = 0; i < 4; i++) {
                long t0 = System.nanoTime();
                PromptAuditReport report = audit.audit(new PromptPartsReader(s.database()), october, Optional.empty());
                System.out.printf("audit: %,d calls, %d versions, system prompts %s of %s USD input, in %.0f ms%s%n",
                        report.totals().calls(), report.rows().size(), report.totals().systemCostUsd().toPlainString(),
                        report.totals().inputCostUsd().toPlainString(), (System.nanoTime() - t0) / 1e6, i == 0 ? " (cold)" : "");
            }
        }
    }

    private static String rules(String topic, int n) {
        StringBuilder sb = new StringBuilder("You are the support assistant for " + topic + ".\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Rule ").append(i).append(": when a customer asks about ").append(topic)
                    .append(", answer politely and cite the policy section.\n");
        }
        return sb.toString();
    }

    private static byte[] openAi(String system, int turns, boolean withTools) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini").put("max_tokens", 100);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        for (int i = 0; i < turns; i++) {
            messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant")
                    .put("content", "Turn " + i + ": where is the invoice for order " + (1000 + i) + ", and can I pay it by card?");
        }
        if (withTools) {
            ArrayNode tools = body.putArray("tools");
            for (int t = 0; t < 5; t++) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", "tool_" + t).put("description", "Looks up the customer's invoices, orders and payments, part " + t);
                fn.putObject("parameters").put("type", "object").putObject("properties").putObject("id").put("type", "string");
            }
        }
        return JSON.writeValueAsBytes(body);
    }

    private static byte[] anthropic(String system) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 100).put("system", system);
        body.putArray("messages").addObject().put("role", "user").put("content", "Where is my invoice?");
        return JSON.writeValueAsBytes(body);
    }

    private static void report(String label, String what, IntFunction<byte[]> bodies, ClientWire wire, String model)
            throws Exception {
        long parse = Long.MAX_VALUE, parts = Long.MAX_VALUE, prefix = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            PromptCaching caching = PromptCaching.recordOnly(Clock.systemUTC());
            PromptPartsCounter counter = new PromptPartsCounter();
            long t0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                JSON.readTree(bodies.apply(i));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                counter.count(wire, model, JSON.readTree(bodies.apply(i)));
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                caching.prefix(wire, Endpoint.CHAT, model, JSON.readTree(bodies.apply(i)));
            }
            long t3 = System.nanoTime();
            parse = Math.min(parse, t1 - t0);
            parts = Math.min(parts, t2 - t1);
            prefix = Math.min(prefix, t3 - t2);
        }
        double partsUs = (parts - parse) / 1e3 / N;
        double afterUs = (prefix - parse) / 1e3 / N;
        System.out.printf("  %-8s %-44s parse %6.1f  parts %6.1f  prefix before %6.1f  after %6.1f%n",
                label, what, parse / 1e3 / N, partsUs, afterUs - partsUs, afterUs);
    }
}
