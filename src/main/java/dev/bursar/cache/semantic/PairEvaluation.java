package dev.bursar.cache.semantic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Scores the matcher on labelled pairs, the way the gateway would decide: each text becomes a single-question
 * {@link SemanticQuery}, is prepared by the matcher (embedding, exact part, guard details), and each pair is one
 * {@link Comparison}. A pair predicted "same" is a cache hit: precision is the share of hits that were right.
 */
public final class PairEvaluation {

    private PairEvaluation() {
    }

    /** A pair and how the matcher compared it. */
    public record Scored(LabelledPair pair, Comparison comparison) {
    }

    /**
     * Precision, recall and F1 of hits at a threshold.
     *
     * @param falseHits hits on pairs labelled different
     */
    public record Scores(int pairs, float threshold, double precision, double recall, double f1, int hits, int falseHits,
                         int duplicates) {
    }

    /** Compares every pair; texts are embedded once each, on {@code threads} threads; progress gets texts done so far. */
    public static List<Scored> score(SemanticMatcher matcher, List<LabelledPair> pairs, int threads, IntConsumer progress) {
        Set<String> texts = new LinkedHashSet<>();
        for (LabelledPair p : pairs) {
            texts.add(p.a());
            texts.add(p.b());
        }
        Map<String, Prepared> prepared = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (String t : texts) {
                jobs.add(pool.submit(() -> {
                    prepared.put(t, matcher.prepare(SemanticQuery.question(t.isBlank() ? "?" : t)));
                    progress.accept(done.incrementAndGet());
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Scored> scored = new ArrayList<>(pairs.size());
        for (LabelledPair p : pairs) {
            scored.add(new Scored(p, prepared.get(p.a()).compare(prepared.get(p.b()))));
        }
        return scored;
    }

    public static Scores scores(List<Scored> scored, float threshold) {
        int hits = 0;
        int falseHits = 0;
        int duplicates = 0;
        int found = 0;
        for (Scored s : scored) {
            boolean hit = s.comparison().hit(threshold);
            if (s.pair().duplicate()) {
                duplicates++;
                if (hit) {
                    found++;
                }
            }
            if (hit) {
                hits++;
                if (!s.pair().duplicate()) {
                    falseHits++;
                }
            }
        }
        double precision = hits == 0 ? 1.0 : (double) (hits - falseHits) / hits;
        double recall = duplicates == 0 ? 0.0 : (double) found / duplicates;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Scores(scored.size(), threshold, precision, recall, f1, hits, falseHits, duplicates);
    }
}
