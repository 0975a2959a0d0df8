package dev.bursar.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.embedding.MiniLmEmbedder;
import dev.bursar.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The index's contract, with the real embedding model. */
class SemanticIndexTest {

    static final SemanticMatcher MATCHER = new SemanticMatcher(new MiniLmEmbedder(), SemanticThreshold.shipped());
    static final String ACME = "tenant:acme|gpt-4o-mini|p1";
    static final String GLOBEX = "tenant:globex|gpt-4o-mini|p1";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final List<SemanticIndex> opened = new ArrayList<>();

    SemanticIndex index(Duration ttl, int maxEntries) {
        SemanticIndex index = new SemanticIndex(MATCHER, ttl, maxEntries, clock);
        opened.add(index);
        return index;
    }

    @AfterEach
    void close() {
        opened.forEach(SemanticIndex::close);
    }

    static SemanticQuery q(String text) {
        return SemanticQuery.question(text);
    }

    @Test
    void a_paraphrase_in_the_same_scope_hits_right_after_add() {
        SemanticIndex index = index(Duration.ofHours(1), 100);
        index.add(ACME, q("How do I reset my password?"), "answer-1");

        Optional<SemanticHit> hit = index.find(ACME, q("How can I reset my password?"));

        assertThat(hit).isPresent();
        assertThat(hit.get().answerKey()).isEqualTo("answer-1");
        assertThat(hit.get().similarity()).isGreaterThanOrEqualTo(MATCHER.threshold());
        assertThat(index.find(ACME, q("How do I delete my account?"))).isEmpty();
    }

    @Test
    void an_entry_is_never_found_from_another_scope_even_for_the_same_text() {
        SemanticIndex index = index(Duration.ofHours(1), 10_000);
        List<String> questions = List.of("How do I reset my password?", "What is your refund policy?",
                "How do I cancel my subscription?", "Where is my order?", "Can I change my delivery address?");
        for (int i = 0; i < 600; i++) {
            String text = questions.get(i % questions.size());
            index.add(ACME, q(text), "acme-" + i);
        }
        // past VectorChunk.GRAPH_FROM: the scope is searched through its HNSW graph
        for (String text : questions) {
            assertThat(index.find(GLOBEX, q(text))).isEmpty();
            assertThat(index.find(ACME, q(text))).get().extracting(SemanticHit::answerKey).asString().startsWith("acme-");
            assertThat(index.find(ACME + " ", q(text))).isEmpty();
            assertThat(index.find("tenant:acme", q(text))).isEmpty();
        }
        index.add(GLOBEX, q("What is your refund policy?"), "globex-1");
        assertThat(index.find(GLOBEX, q("What is your refund policy?"))).get().extracting(SemanticHit::answerKey).isEqualTo("globex-1");
    }

    @Test
    void a_paraphrase_is_found_among_thousands_of_entries_of_its_scope() {
        SemanticIndex index = index(Duration.ofHours(1), 10_000);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 3_000; i++) {
            index.add(ACME, q("Where is my order number " + i + "?"), "noise-" + i, randomUnit(random), clock.instant().plusSeconds(60));
            if (i == 1_500) {
                index.add(ACME, q("How do I reset my password?"), "password");
            }
        }

        assertThat(index.find(ACME, q("How can I reset my password?"))).get().extracting(SemanticHit::answerKey).isEqualTo("password");
        assertThat(index.find(GLOBEX, q("How can I reset my password?"))).isEmpty();
    }

    static float[] randomUnit(java.util.Random r) {
        float[] v = new float[384];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }

    @Test
    void entries_expire_after_the_ttl() {
        SemanticIndex index = index(Duration.ofMinutes(10), 100);
        index.add(ACME, q("What is your refund policy?"), "a");
        clock.advance(Duration.ofMinutes(9));
        assertThat(index.find(ACME, q("What is your refund policy?"))).isPresent();

        clock.advance(Duration.ofMinutes(1));

        assertThat(index.find(ACME, q("What is your refund policy?"))).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void an_entry_from_another_replica_keeps_its_expiry_and_its_vector() {
        SemanticIndex index = index(Duration.ofHours(1), 100);
        SemanticQuery query = q("What is your refund policy?");
        float[] vector = index.vectorOf(query);

        index.add(ACME, query, "from-replica-2", vector, clock.instant().plus(Duration.ofMinutes(2)));

        assertThat(index.find(ACME, q("What's your refund policy?"))).get().extracting(SemanticHit::answerKey).isEqualTo("from-replica-2");
        clock.advance(Duration.ofMinutes(2));
        assertThat(index.find(ACME, query)).isEmpty();
    }

    @Test
    void the_oldest_entries_go_first_beyond_max_entries() {
        SemanticIndex index = index(Duration.ofHours(1), 3);
        index.add(ACME, q("What is your refund policy?"), "1");
        index.add(ACME, q("How do I reset my password?"), "2");
        index.add(ACME, q("Where is my order?"), "3");
        index.add(ACME, q("How do I cancel my subscription?"), "4");

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.find(ACME, q("What is your refund policy?"))).isEmpty();
        assertThat(index.find(ACME, q("Where is my order?"))).get().extracting(SemanticHit::answerKey).isEqualTo("3");
        assertThat(index.find(ACME, q("How do I cancel my subscription?"))).get().extracting(SemanticHit::answerKey).isEqualTo("4");
    }

    @Test
    void purge_removes_the_scopes_it_is_asked_to_and_nothing_else() {
        SemanticIndex index = index(Duration.ofHours(1), 1_000);
        for (int i = 0; i < 300; i++) {
            index.add(i % 2 == 0 ? ACME : GLOBEX, q("Where is my order number " + i + "?"), "k" + i);
        }

        int removed = index.purge(scope -> scope.startsWith("tenant:acme|"));

        assertThat(removed).isEqualTo(150);
        assertThat(index.size()).isEqualTo(150);
        assertThat(index.find(ACME, q("Where is my order number 0?"))).isEmpty();
        assertThat(index.find(ACME, q("Where is my order number 298?"))).isEmpty();
        assertThat(index.find(GLOBEX, q("Where is my order number 1?"))).get().extracting(SemanticHit::answerKey).isEqualTo("k1");
        assertThat(index.find(GLOBEX, q("Where is my order number 299?"))).get().extracting(SemanticHit::answerKey).isEqualTo("k299");
    }

    @Test
    void a_near_miss_in_the_same_scope_is_not_a_hit() {
        SemanticIndex index = index(Duration.ofHours(1), 100);
        index.add(ACME, q("What is the capital of France?"), "paris");

        assertThat(index.find(ACME, q("What is the capital of Germany?"))).isEmpty();
        assertThat(index.find(ACME, q("what's the capital of France?"))).get().extracting(SemanticHit::answerKey).isEqualTo("paris");
    }

    @Test
    void concurrent_adds_and_finds_see_every_added_entry_in_its_own_scope() throws Exception {
        SemanticIndex index = index(Duration.ofHours(1), 100_000);
        int threads = 8;
        int perThread = 80;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            jobs.add(pool.submit(() -> {
                start.await();
                String scope = "tenant:" + thread;
                for (int i = 0; i < perThread; i++) {
                    SemanticQuery query = q("Where is order " + (thread * 1000 + i) + " now?");
                    index.add(scope, query, thread + "/" + i);
                    Optional<SemanticHit> hit = index.find(scope, query);
                    if (hit.isEmpty() || !hit.get().answerKey().equals(thread + "/" + i)) {
                        problems.add("thread " + thread + " entry " + i + ": " + hit);
                    }
                    if (index.find("tenant:" + ((thread + 1) % threads), query).isPresent()) {
                        problems.add("thread " + thread + " entry " + i + " found from another scope");
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> job : jobs) {
            job.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(problems).isEmpty();
        assertThat(index.size()).isEqualTo(threads * perThread);
    }
}
