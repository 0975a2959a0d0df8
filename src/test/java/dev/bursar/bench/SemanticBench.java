package dev.bursar.bench;

import dev.bursar.cache.semantic.SemanticIndex;
import dev.bursar.cache.semantic.SemanticMatcher;
import dev.bursar.cache.semantic.SemanticQuery;
import dev.bursar.cache.semantic.SemanticThreshold;
import dev.bursar.embedding.MiniLmEmbedder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * The semantic cache's costs (bench/semantic.sh):
 *
 * <pre>
 *   latency ENTRIES   model load; then, for ~200-token prompts, p50/p99 of the embedding alone, the search alone (an
 *                     already-embedded query) and the whole lookup (find: embedding + search), over ENTRIES entries
 *   memory ENTRIES    retained heap of an index holding ENTRIES entries (random unit vectors), after GC
 * </pre>
 */
public final class SemanticBench {

    static final int DIMENSIONS = 384;
    static final String SCOPE = "tenant:acme|gpt-4o-mini|params";

    public static void main(String[] args) throws Exception {
        int entries = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "latency" -> latency(entries);
            case "memory" -> memory(entries);
            default -> throw new IllegalArgumentException("latency | memory");
        }
    }

    /** A ~200-token prompt: a question at the end of some context, different for every i. */
    static String prompt(int i) {
        return "I run a small online shop that sells handmade ceramics, mostly mugs, bowls and plates, and I ship to "
                + "customers across Europe. Last month several parcels arrived broken and the customers asked for refunds, "
                + "which ate most of the margin of those orders. I already wrap each piece in bubble wrap and use double-walled "
                + "boxes, but the courier seems rough with them and I cannot afford their premium insured service for every "
                + "order. I also tried corrugated inserts and paper fill from a local supplier, and a friend suggested moulded "
                + "pulp trays, but those need a minimum order I cannot pay for yet, and my storage room is tiny. Order number "
                + i + " was the worst case so far. What packaging changes would reduce breakage the "
                + "most for fragile ceramic items shipped by standard courier, and how should I word my refund policy so "
                + "that it stays fair to customers without losing money on every broken parcel?";
    }

    static float[] randomUnit(Random r) {
        float[] v = new float[DIMENSIONS];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static SemanticIndex fill(SemanticMatcher matcher, int entries) {
        SemanticIndex index = new SemanticIndex(matcher, Duration.ofHours(1), entries, Clock.systemUTC());
        Random r = new Random(42);
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        long t0 = System.nanoTime();
        for (int i = 0; i < entries; i++) {
            // a few scopes, most entries in the busiest one (the search filters by scope)
            String scope = i % 10 == 0 ? "tenant:" + (i % 7) + "|gpt-4o-mini|params" : SCOPE;
            index.add(scope, SemanticQuery.question("Where is my order number " + i + "?"), "answer-" + i, randomUnit(r), expiry);
        }
        System.out.printf("filled %,d entries in %.1f s%n", entries, (System.nanoTime() - t0) / 1e9);
        return index;
    }

    static void latency(int entries) {
        long t0 = System.nanoTime();
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        embedder.embed("warm");
        System.out.printf("model load (first embed, cold): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        SemanticMatcher matcher = new SemanticMatcher(embedder, SemanticThreshold.shipped());
        System.out.printf("prompt: %d word pieces; the matcher embeds its last %d%n", embedder.tokenCount(prompt(0)) + 2,
                SemanticMatcher.WINDOW_TOKENS);
        try (SemanticIndex index = fill(matcher, entries)) {
            int warm = 300;
            int n = 1000;
            for (int i = 0; i < warm; i++) {
                index.find(SCOPE, SemanticQuery.question(prompt(1_000_000 + i)));
            }
            long[] total = new long[n];
            long[] search = new long[n];
            for (int i = 0; i < n; i++) {
                SemanticQuery q = SemanticQuery.question(prompt(i));
                long s = System.nanoTime();
                index.find(SCOPE, q);
                total[i] = System.nanoTime() - s;
                // the same query again: its embedding is remembered, so this is the search alone
                s = System.nanoTime();
                index.find(SCOPE, q);
                search[i] = System.nanoTime() - s;
            }
            MiniLmEmbedder window = new MiniLmEmbedder(SemanticMatcher.WINDOW_TOKENS);
            long[] embed = time(n, i -> window.embed(prompt(2_000_000 + i)));
            long[] full = time(200, i -> embedder.embed(prompt(3_000_000 + i)));
            report("embedding alone (64-piece window)", embed);
            report("search alone (" + String.format("%,d", entries) + " entries)", search);
            report("lookup: embedding + search", total);
            report("for reference: embedding the whole prompt (256-piece window)", full);
        }
    }

    interface Work {
        void run(int i);
    }

    static long[] time(int n, Work w) {
        for (int i = 0; i < 100; i++) {
            w.run(-1 - i);
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            w.run(i);
            t[i] = System.nanoTime() - s;
        }
        return t;
    }

    static void report(String what, long[] nanos) {
        long[] t = nanos.clone();
        Arrays.sort(t);
        System.out.printf("%-62s p50 %7.3f ms   p99 %7.3f ms   (%d runs)%n", what, t[t.length / 2] / 1e6,
                t[(int) (t.length * 0.99)] / 1e6, t.length);
    }

    static long retainedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void memory(int entries) throws Exception {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        embedder.embed("warm"); // the model and tokenizer are not the index's: loaded before the baseline
        SemanticMatcher matcher = new SemanticMatcher(embedder, SemanticThreshold.shipped());
        long before = retainedHeap();
        SemanticIndex index = fill(matcher, entries);
        long after = retainedHeap();
        System.out.printf("index of %,d entries: retained heap %.1f MB (%d bytes per entry; raw vectors alone are %.1f MB)%n",
                index.size(), (after - before) / 1e6, (after - before) / entries, entries * DIMENSIONS * 4 / 1e6);
        if (Boolean.getBoolean("bench.pause")) {
            System.out.println("pid " + ProcessHandle.current().pid());
            Thread.sleep(60_000);
        }
        // churn: as many adds again into the full index (every add evicts the oldest)
        Random r = new Random(7);
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < entries; i++) {
            index.add(SCOPE, SemanticQuery.question("Is order " + i + " delayed?"), "b-" + i, randomUnit(r), expiry);
        }
        long churned = retainedHeap();
        System.out.printf("after %,d more adds (each evicting the oldest): %,d entries, retained heap %.1f MB%n",
                entries, index.size(), (churned - before) / 1e6);
        index.close();
    }
}
