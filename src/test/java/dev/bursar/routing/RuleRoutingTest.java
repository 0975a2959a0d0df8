package dev.bursar.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which model a virtual model's rules pick for a request, from the facts a rule may test. */
class RuleRoutingTest {

    static final PriceCatalog CATALOG = PriceCatalog.bundled();

    /** Builds the routing table as the gateway does at start, with one OpenAI-type provider named "openai". */
    static ModelRoutes routes(String modelsYaml) {
        return routes(modelsYaml, null);
    }

    /** The same, with {@code scorer} for {@code strategy: learned} models. */
    static ModelRoutes routes(String modelsYaml, DifficultyScorer scorer) {
        BursarConfig config = ConfigLoader.parse("""
                providers:
                  - { name: openai, type: openai, base-url: "http://127.0.0.1:1/v1", api-key: sk-test }
                models:
                """ + modelsYaml.indent(2), Map.of(), "bursar.yaml");
        Provider openai = new NoCalls("openai");
        return ModelRoutes.build(config.models(), Map.of("openai", openai), Map.of("openai", dev.bursar.providers.Timeouts.whole(Duration.ofSeconds(5))),
                new ModelRoutes.VendorProviders(Map.of("openai", openai), null), CATALOG, () -> scorer);
    }

    static final ModelRoutes ISSUE_EXAMPLE = routes("""
            - name: triage
              route:
                strategy: rules
                rules:
                  - { when: { feature: summarize, max-input-tokens: 2000 }, model: gpt-4o-mini }
                  - { when: { customer: [acme, globex] }, model: gpt-4o }
                default: gpt-4o-mini
            """);

    static Facts facts() {
        return new Facts(new RequestFacts.Tags(null, null, null, null, null, null), false, false, Map.of(), 10);
    }

    /** A request's facts, changed one at a time by the tests. */
    record Facts(RequestFacts.Tags tags, boolean tools, boolean images, Map<String, String> headers, long tokens) {
        Facts tags(String key, String customer, String user, String team, String feature, String environment) {
            return new Facts(new RequestFacts.Tags(key, customer, user, team, feature, environment), tools, images, headers, tokens);
        }

        Facts customer(String c) {
            return tags(tags.key(), c, tags.user(), tags.team(), tags.feature(), tags.environment());
        }

        Facts feature(String f) {
            return tags(tags.key(), tags.customer(), tags.user(), tags.team(), f, tags.environment());
        }

        Facts tokens(long n) {
            return new Facts(tags, tools, images, headers, n);
        }

        RequestFacts build(LongSupplier counter) {
            return new RequestFacts(tags, tools, images, headers::get, counter, () -> "");
        }

        RequestFacts build() {
            return build(() -> tokens);
        }
    }

    static Route choose(ModelRoutes routes, Facts facts) {
        Route resolved = routes.resolve("triage").orElseThrow();
        return routes.rules(resolved).orElseThrow().choose(facts.build());
    }

    @Test
    void the_first_rule_that_matches_wins_and_is_booked_as_rule_1() {
        Route r = choose(ISSUE_EXAMPLE, facts().feature("summarize").customer("acme"));

        assertThat(r.priceModel()).isEqualTo("gpt-4o-mini");
        assertThat(r.reason()).isEqualTo("rule:1");
        assertThat(r.decision()).isEqualTo("rule:1");
        assertThat(r.requestedModel()).as("booked under the name the client asked for").isEqualTo("triage");
        assertThat(r.upstreamModel()).as("sent upstream under the chosen model's name").isEqualTo("gpt-4o-mini");
    }

    @Test
    void a_list_of_values_matches_any_of_them() {
        assertThat(choose(ISSUE_EXAMPLE, facts().customer("acme")).reason()).isEqualTo("rule:2");
        assertThat(choose(ISSUE_EXAMPLE, facts().customer("globex")).priceModel()).isEqualTo("gpt-4o");
        assertThat(choose(ISSUE_EXAMPLE, facts().customer("initech")).reason()).isEqualTo("rule:default");
    }

    @Test
    void every_condition_of_a_rule_must_hold() {
        Route longSummary = choose(ISSUE_EXAMPLE, facts().feature("summarize").tokens(2001).customer("acme"));

        assertThat(longSummary.reason()).as("too long for rule 1, so rule 2").isEqualTo("rule:2");
        assertThat(longSummary.priceModel()).isEqualTo("gpt-4o");
    }

    @Test
    void no_match_takes_the_default() {
        Route r = choose(ISSUE_EXAMPLE, facts());

        assertThat(r.reason()).isEqualTo("rule:default");
        assertThat(r.priceModel()).isEqualTo("gpt-4o-mini");
        assertThat(r.decision()).isEqualTo("rule:default");
    }

    @ParameterizedTest(name = "{0} prompt tokens: max-input-tokens 2000 -> {1}, min-input-tokens 2000 -> {2}")
    @CsvSource({"1999, true, false", "2000, true, true", "2001, false, true"})
    void token_thresholds_include_their_boundary(long tokens, boolean underMax, boolean overMin) {
        ModelRoutes routes = routes("""
                - name: triage
                  route:
                    strategy: rules
                    rules:
                      - { when: { max-input-tokens: 2000 }, model: gpt-4o-mini }
                    default: gpt-4o
                - name: triage-min
                  route: { strategy: rules, rules: [ { when: { min-input-tokens: 2000 }, model: gpt-4o-mini } ], default: gpt-4o }
                """);
        Route max = choose(routes, facts().tokens(tokens));
        Route min = routes.rules(routes.resolve("triage-min").orElseThrow()).orElseThrow().choose(facts().tokens(tokens).build());

        assertThat(max.reason()).isEqualTo(underMax ? "rule:1" : "rule:default");
        assertThat(min.reason()).isEqualTo(overMin ? "rule:1" : "rule:default");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // when               | key     | customer | user | team   | feature | environment
            "feature: chat        |         |          |      |        | chat    |",
            "customer: acme       |         | acme     |      |        |         |",
            "team: search         |         |          |      | search |         |",
            "user: u-7            |         |          | u-7  |        |         |",
            "environment: prod    |         |          |      |        |         | prod",
            "key: key_123         | key_123 |          |      |        |         |"})
    void each_tag_condition_tests_its_own_tag(String when, String key, String customer, String user, String team,
                                              String feature, String environment) {
        ModelRoutes routes = routes("""
                - name: triage
                  route: { strategy: rules, rules: [ { when: { %s }, model: gpt-4o } ], default: gpt-4o-mini }
                """.formatted(when));
        Facts matching = facts().tags(key, customer, user, team, feature, environment);

        assertThat(choose(routes, matching).reason()).isEqualTo("rule:1");
        assertThat(choose(routes, facts()).reason()).as("the tag absent").isEqualTo("rule:default");
        assertThat(choose(routes, facts().tags("other", "other", "other", "other", "other", "other")).reason())
                .as("another value of every tag").isEqualTo("rule:default");
    }

    @Test
    void tools_images_and_a_header_are_tested_as_written() {
        ModelRoutes routes = routes("""
                - name: triage
                  route:
                    strategy: rules
                    rules:
                      - { when: { has-images: true }, model: gpt-4o }
                      - { when: { has-tools: false, header: { name: X-Tier, value: gold } }, model: gpt-4.1 }
                    default: gpt-4o-mini
                """);
        Facts plain = facts();
        Facts withImage = new Facts(plain.tags(), false, true, Map.of(), 10);
        Facts gold = new Facts(plain.tags(), false, false, Map.of("x-tier", "gold"), 10);
        Facts goldWithTools = new Facts(plain.tags(), true, false, Map.of("x-tier", "gold"), 10);
        Facts silver = new Facts(plain.tags(), false, false, Map.of("x-tier", "silver"), 10);

        assertThat(choose(routes, withImage).reason()).isEqualTo("rule:1");
        assertThat(choose(routes, gold).reason()).isEqualTo("rule:2");
        assertThat(choose(routes, gold).priceModel()).isEqualTo("gpt-4.1");
        assertThat(choose(routes, goldWithTools).reason()).isEqualTo("rule:default");
        assertThat(choose(routes, silver).reason()).isEqualTo("rule:default");
        assertThat(choose(routes, plain).reason()).isEqualTo("rule:default");
    }

    @Test
    void the_prompt_is_counted_only_when_a_rule_with_a_threshold_is_reached_and_then_once() {
        ModelRoutes routes = routes("""
                - name: triage
                  route:
                    strategy: rules
                    rules:
                      - { when: { feature: summarize, max-input-tokens: 100 }, model: gpt-4o }
                      - { when: { min-input-tokens: 50 }, model: gpt-4.1 }
                    default: gpt-4o-mini
                """);
        AtomicInteger counted = new AtomicInteger();
        LongSupplier counter = () -> {
            counted.incrementAndGet();
            return 500;
        };
        Route resolved = routes.resolve("triage").orElseThrow();
        VirtualRoute rules = routes.rules(resolved).orElseThrow();

        assertThat(rules.choose(facts().build(RequestFacts.once(counter))).reason()).isEqualTo("rule:2");
        assertThat(counted).as("rule 1 failed on its feature before counting; rule 2 counted").hasValue(1);
        assertThat(rules.choose(facts().feature("summarize").build(RequestFacts.once(counter))).reason()).isEqualTo("rule:2");
        assertThat(counted).as("two thresholds, one count").hasValue(2);
    }

    @Test
    void a_plain_model_has_no_rules_and_says_primary() {
        Route plain = ISSUE_EXAMPLE.resolve("gpt-4o").orElseThrow();

        assertThat(ISSUE_EXAMPLE.rules(plain)).isEmpty();
        assertThat(plain.decision()).isEqualTo("primary");
    }

    @Test
    void the_virtual_model_is_served_and_listed_under_its_name() {
        assertThat(ISSUE_EXAMPLE.resolve("TRIAGE")).isPresent();
        assertThat(ISSUE_EXAMPLE.all()).containsKey("triage");
    }

    /** Routing never calls a provider. */
    record NoCalls(String name) implements Provider {
        public ProviderReply chat(ChatCall call) {
            throw new AssertionError("routing must not call a provider");
        }

        public ProviderReply stream(ChatCall call, StreamSink sink) {
            throw new AssertionError("routing must not call a provider");
        }
    }
}
