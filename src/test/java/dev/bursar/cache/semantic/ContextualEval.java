package dev.bursar.cache.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.embedding.MiniLmEmbedder;
import dev.bursar.wire.ClientWire;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * MeanCache's contextual set through a real {@link SemanticIndex}, with requests built as chat-completions bodies:
 * each conversation's first question and its follow-up (after the first answer) are cached; then
 *
 * <ul>
 *   <li>the paraphrase of the first question should hit that conversation's first answer;</li>
 *   <li>the paraphrased follow-up, after the same first answer, should hit the follow-up's answer;</li>
 *   <li>a follow-up asked in another conversation's context must never get an answer given in another context
 *       ("who painted it" after another painting): a hit is false when the cached conversation's first answer differs
 *       from the context's (the set repeats some first answers word for word, after paraphrased first questions).</li>
 * </ul>
 */
final class ContextualEval {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "tenant-a|gpt-4o-mini|params";

    record Result(int conversations, int firstTurnHits, int followUpHits, int crossQueries, int crossHitsRight,
                  int crossFalseHits, int lastMessageOnlyFalseHits) {
    }

    /** Cross queries: every other conversation's context ({@code allPairs}), or only the next conversation's and those with the same follow-up text. */
    static Result run(SemanticMatcher matcher, List<EvalData.Conversation> cs, boolean allPairs) {
        try (SemanticIndex index = new SemanticIndex(matcher, Duration.ofHours(1), 100_000, Clock.systemUTC())) {
            for (int i = 0; i < cs.size(); i++) {
                EvalData.Conversation c = cs.get(i);
                index.add(SCOPE, query(c.u0()), i + ":0");
                index.add(SCOPE, query(c.u0(), c.answer0(), c.u1()), i + ":1");
            }
            int first = 0;
            int followUp = 0;
            for (int i = 0; i < cs.size(); i++) {
                EvalData.Conversation c = cs.get(i);
                if (answer(index, query(c.u0Duplicate())).equals(i + ":0")) {
                    first++;
                }
                if (answer(index, query(c.u0Duplicate(), c.answer0(), c.u1Duplicate())).equals(i + ":1")) {
                    followUp++;
                }
            }
            int cross = 0;
            int right = 0;
            int wrong = 0;
            for (int i = 0; i < cs.size(); i++) {
                for (int j = 0; j < cs.size(); j++) {
                    boolean sameFollowUp = cs.get(i).u1().equalsIgnoreCase(cs.get(j).u1());
                    if (i == j || !(allPairs || j == (i + 1) % cs.size() || sameFollowUp)) {
                        continue;
                    }
                    // conversation j's context, conversation i's follow-up
                    EvalData.Conversation ctx = cs.get(j);
                    String got = answer(index, query(ctx.u0(), ctx.answer0(), cs.get(i).u1()));
                    cross++;
                    if (got.isEmpty()) {
                        continue;
                    }
                    // the data set repeats some first answers word for word (after "Describe the process of
                    // photosynthesis" and "Explain the process of photosynthesis"): what "it" refers to is the same
                    EvalData.Conversation from = cs.get(Integer.parseInt(got.substring(0, got.indexOf(':'))));
                    if (from.answer0().equals(ctx.answer0())) {
                        right++;
                    } else {
                        wrong++;
                        if (Boolean.getBoolean("contextual.debug")) {
                            System.out.println("FALSE context [" + ctx.u0() + " / " + ctx.answer0().substring(0, 40) + "] + " + cs.get(i).u1()
                                    + " -> [" + from.u0() + " / " + from.answer0().substring(0, 40) + "] + " + from.u1());
                        }
                    }
                }
            }
            return new Result(cs.size(), first, followUp, cross, right, wrong, lastMessageOnly(matcher, cs, allPairs));
        }
    }

    /** The same cross queries against a cache that keys on the last user message alone: its false hits. */
    static int lastMessageOnly(SemanticMatcher matcher, List<EvalData.Conversation> cs, boolean allPairs) {
        try (SemanticIndex index = new SemanticIndex(matcher, Duration.ofHours(1), 100_000, Clock.systemUTC())) {
            for (int k = 0; k < cs.size(); k++) {
                index.add(SCOPE, query(cs.get(k).u1()), k + ":1");
            }
            int wrong = 0;
            for (int i = 0; i < cs.size(); i++) {
                String got = answer(index, query(cs.get(i).u1()));
                if (got.isEmpty()) {
                    continue;
                }
                EvalData.Conversation from = cs.get(Integer.parseInt(got.substring(0, got.indexOf(':'))));
                // asked in every other context j: wrong wherever j's first answer is not the cached one's
                for (int j = 0; j < cs.size(); j++) {
                    boolean sameFollowUp = cs.get(i).u1().equalsIgnoreCase(cs.get(j).u1());
                    if (i != j && (allPairs || j == (i + 1) % cs.size() || sameFollowUp)
                            && !cs.get(j).answer0().equals(from.answer0())) {
                        wrong++;
                    }
                }
            }
            return wrong;
        }
    }

    private static String answer(SemanticIndex index, SemanticQuery q) {
        Optional<SemanticHit> hit = index.find(SCOPE, q);
        return hit.map(SemanticHit::answerKey).orElse("");
    }

    /** A chat-completions body: user, assistant, user, ... */
    static SemanticQuery query(String... turns) {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini");
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < turns.length; i++) {
            messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", turns[i]);
        }
        return SemanticQuery.of(ClientWire.OPENAI, body).orElseThrow();
    }

    static void print(Path file, float threshold) throws Exception {
        SemanticMatcher matcher = new SemanticMatcher(new MiniLmEmbedder(), threshold);
        Result r = run(matcher, EvalData.meanCache(file), true);
        System.out.printf("contextual (MeanCache new_claude.json, %d conversations, threshold %.4f):%n", r.conversations(), matcher.threshold());
        System.out.printf("  first-question paraphrase hits: %d / %d%n", r.firstTurnHits(), r.conversations());
        System.out.printf("  same-context follow-up paraphrase hits: %d / %d%n", r.followUpHits(), r.conversations());
        System.out.printf("  follow-ups asked in another conversation's context: %d queries, %d hits in the same context (the set repeats some first answers), %d hits from another context%n",
                r.crossQueries(), r.crossHitsRight(), r.crossFalseHits());
        System.out.printf("  the same queries against a cache keyed on the last user message alone: %d hits from another context%n",
                r.lastMessageOnlyFalseHits());
    }
}
