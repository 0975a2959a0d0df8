package dev.bursar.promptcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.ledger.PromptPrefixReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advisor on ledger rows written here, at known times and prices; every amount exact. */
class CacheAdvisorTest {

    static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    static final TimeRange MAY = new TimeRange(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"));

    /**
     * The seed article's Claude 3.5 Sonnet (input $3, cache write $3.75, cache read $0.30 per million; no long-context
     * tier), a no-discount model, and a model whose price changed on 2026-05-10.
     */
    static final String PRICES = """
            models:
              - id: seed-sonnet
                provider: anthropic
                mode: chat
                context_window: 2000000
                max_output_tokens: 8192
                prices:
                  - {effective_from: 2026-01-01, input: "3", cached_input: "0.3", cache_write_5m: "3.75",
                     cache_write_1h: "6", output: "15"}
              - id: plain-model
                provider: mistral
                mode: chat
                context_window: 128000
                max_output_tokens: 8192
                prices:
                  - {effective_from: 2026-01-01, input: "2", output: "6"}
              - id: cheaper-in-may
                provider: anthropic
                mode: chat
                context_window: 200000
                max_output_tokens: 8192
                prices:
                  - {effective_from: 2026-01-01, input: "4", cached_input: "0.4", cache_write_5m: "5", output: "20"}
                  - {effective_from: 2026-05-10, input: "2", cached_input: "0.2", cache_write_5m: "2.5", output: "10"}
            """;

    @TempDir
    Path dir;
    Stores stores;
    CacheAdvisor advisor;
    final List<UsageEvent> rows = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        stores = Stores.open(new StorageConfig(dir.resolve("bursar.db").toString(), null, null));
        Path prices = dir.resolve("prices.yaml");
        Files.writeString(prices, PRICES);
        advisor = new CacheAdvisor(PriceCatalog.load(List.of(prices)));
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** One answered call of {@code prefix} tokens (hash {@code hash}) at {@code minutes} after T0. */
    void call(String feature, String model, String hash, int prefix, double minutes, Usage usage) {
        Instant t = T0.plusMillis((long) (minutes * 60_000));
        String id = "e" + rows.size();
        rows.add(new UsageEvent(id, "r" + id, t, new Attribution("k", "acme", null, null, feature, null, "v1"),
                new UsageEvent.Models(model, model, model, "p", "configured"),
                new UsageEvent.Call(Endpoint.MESSAGES, false, false, 1, "none", null, new PromptPrefix(hash, prefix)),
                usage, new UsageEvent.Charge(BigDecimal.ZERO, BigDecimal.ZERO, "p", false, null),
                new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1)));
    }

    void call(String feature, String model, String hash, int prefix, double minutes) {
        call(feature, model, hash, prefix, minutes, Usage.of(prefix + 200, 50));
    }

    Advice advise(CacheLifetime lifetime) {
        rows.forEach(stores.ledger()::append);
        return advisor.advise(new PromptPrefixReader(stores.database()), MAY, lifetime);
    }

    @Test
    void the_seed_articles_worked_example_one_write_and_eight_reads_cost_six_dollars_fifteen() {
        for (int i = 0; i < 9; i++) {
            call("docs", "seed-sonnet", "aaaaaaaaaaaaaaaa", 1_000_000, i);
        }

        AdviceRow row = advise(CacheLifetime.FIVE_MINUTES).rows().getFirst();

        assertThat(row.calls()).isEqualTo(9);
        assertThat(row.reuses()).isEqualTo(8);
        // $3.75 to write 1M tokens + 8 × $0.30 to read them = $6.15, as the article says; without caching the nine
        // calls pay 9 × $3 (the article compares against 8 × $3 = $24 and leaves the writing call out).
        assertThat(row.costs().withCache()).isEqualByComparingTo("6.15");
        assertThat(row.costs().now()).isEqualByComparingTo("27");
        assertThat(row.costs().saving()).isEqualByComparingTo("20.85");
        assertThat(row.costs().savedAlready()).isEqualByComparingTo("0");
        // write + (n-1) reads < n inputs: 3.75 + 0.30 = 4.05 < 6 at n = 2, and 3.75 < 3 fails at n = 1. The article's
        // own table says "8+ hits" for Anthropic, which its arithmetic ("only 2 hits: $4.35 vs $6, saves $1.65") refutes.
        assertThat(row.breakEven()).hasValue(2);
        assertThat(row.providerCaching()).isEqualTo("explicit (cache_control)");
    }

    @Test
    void the_seed_articles_two_hit_case_costs_four_dollars_thirty_five_with_caching() {
        for (int i = 0; i < 3; i++) {
            call("docs", "seed-sonnet", "aaaaaaaaaaaaaaaa", 1_000_000, i);
        }

        AdviceRow row = advise(CacheLifetime.FIVE_MINUTES).rows().getFirst();

        assertThat(row.costs().withCache()).isEqualByComparingTo("4.35");
        assertThat(row.costs().saving()).isEqualByComparingTo("4.65");
    }

    @Test
    void a_run_of_calls_each_within_the_lifetime_of_the_one_before_is_one_span() {
        for (double minute : new double[] {0, 4, 8, 20, 21}) {
            call("chat", "seed-sonnet", "bbbbbbbbbbbbbbbb", 2000, minute);
        }
        Advice fiveMinutes = advise(CacheLifetime.FIVE_MINUTES);
        Advice oneHour = advisor.advise(new PromptPrefixReader(stores.database()), MAY, CacheLifetime.ONE_HOUR);

        AdviceRow spans = fiveMinutes.rows().getFirst();
        assertThat(spans.reuses()).as("0-4-8 is one span, 20-21 another").isEqualTo(3);
        // now: 5 × 2,000 × $3/M = 0.03; with caching: 2 writes × 2,000 × $3.75/M + 3 reads × 2,000 × $0.30/M
        assertThat(spans.costs().now()).isEqualByComparingTo("0.03");
        assertThat(spans.costs().withCache()).isEqualByComparingTo("0.0168");
        assertThat(spans.costs().saving()).isEqualByComparingTo("0.0132");

        AdviceRow hour = oneHour.rows().getFirst();
        assertThat(hour.reuses()).isEqualTo(4);
        // one 1-hour write at $6/M + 4 reads: 0.012 + 0.0024
        assertThat(hour.costs().withCache()).isEqualByComparingTo("0.0144");
        assertThat(hour.breakEven()).as("(6 - 0.3) / (3 - 0.3) = 2.1: from 3 calls").hasValue(3);
        assertThat(oneHour.lifetime().label()).isEqualTo("1h");
    }

    @Test
    void calls_already_cached_are_billed_as_they_were_and_their_saving_is_reported() {
        // Anthropic with the client's own breakpoint: a write, then two reads.
        call("chat", "seed-sonnet", "cccccccccccccccc", 4000, 0, new Usage(4100, 0, 4000, 0, 10, 0));
        call("chat", "seed-sonnet", "cccccccccccccccc", 4000, 1, new Usage(4100, 4000, 0, 0, 10, 0));
        call("chat", "seed-sonnet", "cccccccccccccccc", 4000, 2, new Usage(4100, 4000, 0, 0, 10, 0));

        AdviceRow row = advise(CacheLifetime.FIVE_MINUTES).rows().getFirst();

        // 4,000 × $3.75/M + 2 × 4,000 × $0.30/M = 0.015 + 0.0024; at full price 3 × 4,000 × $3/M = 0.036
        assertThat(row.cachedTokens()).isEqualTo(8000);
        assertThat(row.costs().now()).isEqualByComparingTo("0.0174");
        assertThat(row.costs().savedAlready()).isEqualByComparingTo("0.0186");
        assertThat(row.costs().saving()).as("nothing more to gain").isEqualByComparingTo("0");
    }

    @Test
    void an_automatic_provider_is_said_to_cache_by_itself_with_no_write_premium() {
        // gpt-4o (bundled): input $2.50, cached input $1.25, no write price: a write costs the input price.
        call("search", "gpt-4o", "dddddddddddddddd", 2048, 0);
        call("search", "gpt-4o", "dddddddddddddddd", 2048, 1, new Usage(2248, 2048, 0, 0, 50, 0));

        AdviceRow row = advise(CacheLifetime.FIVE_MINUTES).rows().getFirst();

        assertThat(row.providerCaching()).isEqualTo("automatic");
        assertThat(row.costs().now()).isEqualByComparingTo("0.00768"); // 2,048 × 2.5 + 2,048 × 1.25, per million
        assertThat(row.costs().savedAlready()).isEqualByComparingTo("0.00256");
        assertThat(row.costs().saving()).isEqualByComparingTo("0");
        assertThat(row.breakEven()).as("OpenAI: 1× input to write, 50% off to read: 2+ calls, as the article says").hasValue(2);
    }

    @Test
    void a_model_without_a_cached_input_price_never_breaks_even() {
        call("chat", "plain-model", "eeeeeeeeeeeeeeee", 3000, 0);
        call("chat", "plain-model", "eeeeeeeeeeeeeeee", 3000, 1);

        AdviceRow row = advise(CacheLifetime.FIVE_MINUTES).rows().getFirst();

        assertThat(row.providerCaching()).isEqualTo("none");
        assertThat(row.breakEven()).isEmpty();
        assertThat(row.costs().saving()).isEqualByComparingTo("0");
        assertThat(row.costs().now()).isEqualByComparingTo("0.012");
    }

    @Test
    void each_call_is_priced_at_the_prices_in_force_when_it_was_made() {
        Instant mayTenth = Instant.parse("2026-05-10T00:00:00Z");
        double before = Duration.between(T0, mayTenth).toMinutes() - 2.0;
        call("chat", "cheaper-in-may", "ffffffffffffffff", 1000, before);
        call("chat", "cheaper-in-may", "ffffffffffffffff", 1000, before + 3);

        AdviceRow row = advise(CacheLifetime.FIVE_MINUTES).rows().getFirst();

        // 1,000 × $4/M before the change, 1,000 × $2/M after; with caching a $5/M write before, a $0.20/M read after
        assertThat(row.costs().now()).isEqualByComparingTo("0.006");
        assertThat(row.costs().withCache()).isEqualByComparingTo("0.0052");
        assertThat(row.breakEven()).as("from the latest prices: (2.5 - 0.2) / (2 - 0.2) = 1.28").hasValue(2);
    }

    @Test
    void groups_are_feature_prompt_and_model_one_offs_are_left_out_and_the_largest_saving_comes_first() {
        call("small", "seed-sonnet", "1111111111111111", 1500, 0);
        call("small", "seed-sonnet", "1111111111111111", 1500, 1);
        call("big", "seed-sonnet", "2222222222222222", 9000, 0);
        call("big", "seed-sonnet", "2222222222222222", 9000, 2);
        call("big", "seed-sonnet", "2222222222222222", 9000, 3);
        call("big", "seed-sonnet", "3333333333333333", 9000, 4);
        call("once", "seed-sonnet", "4444444444444444", 9000, 0);
        call("once", "seed-sonnet", "4444444444444444", 9000, 30);

        Advice advice = advise(CacheLifetime.FIVE_MINUTES);

        assertThat(advice.rows()).extracting(r -> r.group().feature() + ":" + r.group().prefixHash().charAt(0))
                .containsExactly("big:2", "small:1");
        Advice.Totals t = advice.totals();
        assertThat(t.calls()).isEqualTo(5);
        assertThat(t.reuses()).isEqualTo(3);
        assertThat(t.costs().saving()).isEqualByComparingTo(
                advice.rows().get(0).costs().saving().add(advice.rows().get(1).costs().saving()));
    }

    @Test
    void a_first_sighting_without_a_count_is_priced_at_its_groups_count_and_a_prefix_never_counted_is_left_out() {
        call("chat", "seed-sonnet", "aaaaaaaaaaaaaaaa", 2000, 0);
        uncountFirst();
        call("chat", "seed-sonnet", "aaaaaaaaaaaaaaaa", 2000, 1);
        call("chat", "seed-sonnet", "bbbbbbbbbbbbbbbb", 2000, 0);
        call("chat", "seed-sonnet", "bbbbbbbbbbbbbbbb", 2000, 1);
        rows.replaceAll(e -> e.call().prefix().hash().startsWith("b") ? uncounted(e) : e);

        Advice advice = advise(CacheLifetime.FIVE_MINUTES);

        assertThat(advice.rows()).hasSize(1);
        AdviceRow row = advice.rows().getFirst();
        assertThat(row.calls()).isEqualTo(2);
        // both calls at 2,000 tokens: 2 × 0.006 now; a write 0.0075 and a read 0.0006 with caching
        assertThat(row.costs().now()).isEqualByComparingTo("0.012");
        assertThat(row.costs().withCache()).isEqualByComparingTo("0.0081");
    }

    private void uncountFirst() {
        rows.set(0, uncounted(rows.getFirst()));
    }

    private static UsageEvent uncounted(UsageEvent e) {
        UsageEvent.Call c = e.call();
        return new UsageEvent(e.eventId(), e.requestId(), e.time(), e.attribution(), e.models(),
                new UsageEvent.Call(c.endpoint(), c.stream(), c.batch(), c.attempt(), c.cacheOutcome(), c.fingerprint(),
                        PromptPrefix.uncounted(c.prefix().hash())), e.usage(), e.charge(), e.outcome());
    }

    @Test
    void an_empty_ledger_gives_no_rows_and_zero_totals() {
        Advice advice = advise(CacheLifetime.FIVE_MINUTES);

        assertThat(advice.rows()).isEmpty();
        assertThat(advice.totals().costs().saving()).isEqualByComparingTo("0");
    }
}
