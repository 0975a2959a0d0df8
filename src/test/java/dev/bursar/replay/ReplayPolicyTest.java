package dev.bursar.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayPolicyTest {

    @Test
    void reads_switches_learned_routes_and_the_cache_block_of_bursar_yaml() {
        ReplayPolicy p = ReplayPolicy.parse("""
                routes:
                  - { model: gpt-4o, strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, quality-target: 0.9 }
                  - { feature: summaries, model: gpt-4o, to: gpt-4o-mini }
                  - { feature: drafts, strong: claude-sonnet-4-5, weak: claude-3-5-haiku-20241022 }
                cache: { exact: { ttl: 2h }, semantic: { ttl: 30m, threshold: auto } }
                """, "p.yaml");

        assertThat(p.routes()).hasSize(3);
        assertThat(p.routes().get(0).learned()).isTrue();
        assertThat(p.routes().get(0).qualityTarget()).isEqualByComparingTo("0.9");
        assertThat(p.routes().get(1).learned()).isFalse();
        assertThat(p.routes().get(2).qualityTarget()).as("default").isEqualByComparingTo("0.95");
        assertThat(p.cache().exact().ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(p.cache().semanticOn()).isTrue();
    }

    @Test
    void the_first_route_that_takes_a_request_decides_by_asked_or_served_model_and_feature() {
        ReplayPolicy p = ReplayPolicy.parse("""
                routes:
                  - { feature: summaries, model: gpt-4o, to: gpt-4o-mini }
                  - { model: support-bot, to: gpt-4.1-mini }
                """, "p.yaml");

        assertThat(p.routeFor("gpt-4o", "gpt-4o", "summaries")).map(PolicyRoute::to).contains("gpt-4o-mini");
        assertThat(p.routeFor("gpt-4o", "gpt-4o", "support")).isEmpty();
        assertThat(p.routeFor("support-bot", "gpt-4o", null)).map(PolicyRoute::to).contains("gpt-4.1-mini");
        assertThat(p.routeFor("Support-Bot", "gpt-4o", null)).isPresent();
    }

    @Test
    void no_cache_block_caches_nothing_and_bad_routes_are_refused_with_their_path() {
        assertThat(ReplayPolicy.parse("routes: []", "p").cache().exactOn()).isFalse();
        assertThatThrownBy(() -> ReplayPolicy.parse("routes: [ { to: gpt-4o-mini } ]", "p"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("routes[0]").hasMessageContaining("model");
        assertThatThrownBy(() -> ReplayPolicy.parse("routes: [ { model: a, strategy: learned, strong: a } ]", "p"))
                .hasMessageContaining("strong").hasMessageContaining("weak");
        assertThatThrownBy(() -> ReplayPolicy.parse("routes: [ { model: a, strong: a, weak: b, quality-target: 1.5 } ]", "p"))
                .hasMessageContaining("quality-target");
        assertThatThrownBy(() -> ReplayPolicy.parse("routes: [ { model: a, to: b, strategy: random } ]", "p"))
                .hasMessageContaining("strategy");
        assertThatThrownBy(() -> ReplayPolicy.parse("cache: { exact: { ttl: 1h, tll: 2h } }", "p"))
                .hasMessageContaining("unknown key").hasMessageContaining("tll");
        assertThatThrownBy(() -> ReplayPolicy.parse("rotes: []", "p")).hasMessageContaining("unknown key 'rotes'");
    }

    @Test
    void the_readmes_capture_block_and_policy_example_load_as_written() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        int at = readme.indexOf("## What-if replay");
        String section = readme.substring(at, readme.indexOf("\n## ", at + 1));
        java.util.regex.Matcher yaml = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(section);

        assertThat(yaml.find()).isTrue();
        assertThat(dev.bursar.config.ConfigLoader.parse(yaml.group(1), java.util.Map.of(), "README.md").capture().enabled())
                .isTrue();
        assertThat(yaml.find()).isTrue();
        ReplayPolicy example = ReplayPolicy.parse(yaml.group(1), "README.md");
        assertThat(example.routes()).hasSize(2);
        assertThat(example.cache().semanticOn()).isTrue();
        example.checkPriced(dev.bursar.pricing.PriceCatalog.bundled());
    }
}
