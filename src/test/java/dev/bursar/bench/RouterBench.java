package dev.bursar.bench;

import dev.bursar.routing.learned.LearnedRouter;
import dev.bursar.testing.RunningBursar;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;

/**
 * The learned router's costs (bench/router.sh):
 *
 * <pre>
 *   score N     p50/p90/p99 wall and CPU time of one score (embedding + regression) for N prompts of three sizes
 *   gateway N   one client, one connection, N requests each to a learned virtual model and to the weak model named
 *               directly, interleaved (ABBA), on the sim: the p50/p90/p99 the learned route adds
 * </pre>
 */
public final class RouterBench {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "score" -> score(n);
            case "gateway" -> gateway(n);
            default -> throw new IllegalArgumentException("score | gateway");
        }
    }

    /** A different prompt for every i: short questions, a paragraph, and a ~250-word request, in turn. */
    static String prompt(int i) {
        return switch (i % 3) {
            case 0 -> "What is the capital of country number " + i + " on my list, and what language do they speak?";
            case 1 -> "Customer " + i + " writes: I ordered a blue kettle two weeks ago and it still has not arrived. The"
                    + " tracking page says it left the warehouse but nothing since. Can you tell me what to do and whether"
                    + " I can get a refund if it does not arrive by Friday?";
            default -> SemanticBench.prompt(i);
        };
    }

    static void score(int n) {
        long t0 = System.nanoTime();
        LearnedRouter router = LearnedRouter.load();
        router.warm();
        System.out.printf(Locale.ROOT, "router + embedding model loaded in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        for (int i = 0; i < 300; i++) {
            router.score(prompt(i));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[n];
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            String p = prompt(1000 + i);
            long c = mx.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            router.score(p);
            wall[i] = System.nanoTime() - w;
            cpu[i] = mx.getCurrentThreadCpuTime() - c;
        }
        print("score wall", wall);
        print("score cpu ", cpu);
    }

    static void gateway(int n) {
        try (RunningBursar bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 0, seed: 1 } }
                models:
                  - name: support-bot
                    route: { strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, threshold: 1 }
                """)) {
            for (int i = 0; i < 500; i++) {
                call(bursar, "support-bot", i);
                call(bursar, "gpt-4o-mini", i);
            }
            long[] learned = new long[n];
            long[] direct = new long[n];
            for (int i = 0; i < n; i++) {
                boolean learnedFirst = i % 4 == 0 || i % 4 == 3;
                if (learnedFirst) {
                    learned[i] = call(bursar, "support-bot", 10_000 + i);
                    direct[i] = call(bursar, "gpt-4o-mini", 10_000 + i);
                } else {
                    direct[i] = call(bursar, "gpt-4o-mini", 10_000 + i);
                    learned[i] = call(bursar, "support-bot", 10_000 + i);
                }
            }
            print("gpt-4o-mini ", direct);
            print("support-bot ", learned);
            Arrays.sort(direct);
            Arrays.sort(learned);
            System.out.printf(Locale.ROOT, "added by the learned route: p50 %+.2f ms, p90 %+.2f ms, p99 %+.2f ms%n",
                    (at(learned, 0.5) - at(direct, 0.5)) / 1e6, (at(learned, 0.9) - at(direct, 0.9)) / 1e6,
                    (at(learned, 0.99) - at(direct, 0.99)) / 1e6);
        }
    }

    /** One whole call's wall time; threshold 1 keeps every support-bot answer on gpt-4o-mini, the same work upstream. */
    static long call(RunningBursar bursar, String model, int i) {
        String body = """
                {"model":"%s","max_tokens":16,"messages":[{"role":"user","content":%s}]}"""
                .formatted(model, com.fasterxml.jackson.databind.node.TextNode.valueOf(prompt(i)));
        long t = System.nanoTime();
        HttpResponse<String> r = bursar.post("/v1/chat/completions", body);
        long took = System.nanoTime() - t;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(model + ": " + r.statusCode() + " " + r.body());
        }
        return took;
    }

    static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n", what, s.length,
                at(s, 0.5) / 1e6, at(s, 0.9) / 1e6, at(s, 0.99) / 1e6);
    }

    static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
