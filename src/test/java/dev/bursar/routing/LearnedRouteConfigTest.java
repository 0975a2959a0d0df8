package dev.bursar.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.RouteConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code strategy: learned} as the issue writes it, and the mistakes a user can make with it. */
class LearnedRouteConfigTest {

    static RouteConfig parse(String route) {
        return ConfigLoader.parse(RuleRoutingConfigTest.config("- name: support-bot\n  route: " + route + "\n"), Map.of(),
                "bursar.yaml").models().get(0).route();
    }

    static void refused(String route, String... parts) {
        assertThatThrownBy(() -> parse(route)).isInstanceOf(ConfigException.class).hasMessageContainingAll(parts);
    }

    @Test
    void the_issue_example_parses_with_its_quality_target() {
        RouteConfig r = parse("{ strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, quality-target: 0.95 }");
        assertThat(r.learned()).isTrue();
        assertThat(r.strong()).isEqualTo("gpt-4o");
        assertThat(r.weak()).isEqualTo("gpt-4o-mini");
        assertThat(r.qualityTarget()).isEqualTo(0.95);
        assertThat(parse("{ strategy: learned, strong: gpt-4o, weak: gpt-4o-mini }").qualityTarget())
                .as("default").isEqualTo(0.95);
    }

    @Test
    void a_model_the_gateway_does_not_serve_is_named_with_a_suggestion() {
        DifficultyScorer fake = new DifficultyScorer() {
            public double score(String prompt) {
                return 0.5;
            }

            public double threshold(double qualityTarget) {
                return 0.2;
            }
        };
        assertThatThrownBy(() -> RuleRoutingTest.routes("""
                - name: support-bot
                  route: { strategy: learned, strong: gpt-4o, weak: gpt-4o-mni }
                """, fake)).isInstanceOf(ConfigException.class)
                .hasMessageContainingAll("models[0].route.weak", "gpt-4o-mni", "gpt-4o-mini");
        assertThatThrownBy(() -> RuleRoutingTest.routes("""
                - name: support-bot
                  route: { strategy: learned, strong: gpt-4o, weak: support-bot }
                """, fake)).isInstanceOf(ConfigException.class).hasMessageContaining("virtual model");
    }

    @Test
    void mistakes_are_refused_with_what_is_expected() {
        refused("{ strategy: learned, strong: gpt-4o }", "needs 'strong' and 'weak'");
        refused("{ strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, quality-target: 95 }", "quality-target", "(0, 1]");
        refused("{ strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, threshold: 2 }", "threshold", "[0, 1]");
        refused("{ strategy: learned, strong: gpt-4o, weak: gpt-4o-mini, default: gpt-4o }", "'default' belong to 'strategy: rules'");
        refused("{ strategy: rules, default: gpt-4o, weak: gpt-4o-mini }", "belong to 'strategy: learned'");
        refused("{ strategy: smart, strong: gpt-4o, weak: gpt-4o-mini }", "[rules, learned]");
    }
}
