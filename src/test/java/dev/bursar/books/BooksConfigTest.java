package dev.bursar.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** costs:, plans: and customers: are read as strictly as the rest of bursar.yaml. */
class BooksConfigTest {

    static BursarConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "bursar.yaml");
    }

    @Test
    void the_issues_example_reads_as_written() {
        BursarConfig c = parse("""
                costs:
                  - { name: ECS Fargate, category: infrastructure, monthly-usd: "350", allocate: by-requests }
                  - { name: Datadog, category: monitoring, monthly-usd: "800", allocate: by-active-customers }
                plans:
                  - { name: pro, monthly-usd: "15" }
                  - { name: free, monthly-usd: "0", free-tier: true }
                customers:
                  - { id: acme, plan: pro, seats: 1 }
                """);

        assertThat(c.costs()).hasSize(2);
        assertThat(CostItem.of(c.costs().get(1), true).allocate()).isEqualTo(new Allocation.ByActiveCustomers());
        assertThat(c.plans().get(1).freeTier()).isTrue();
        assertThat(c.customers().getFirst().seats()).isEqualTo(1);
    }

    @Test
    void unknown_keys_and_bad_values_fail_with_their_path() {
        assertThatThrownBy(() -> parse("costs:\n  - { name: x, category: other, monthly-usd: \"1\", alocate: by-spend }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("costs[0].alocate");
        assertThatThrownBy(() -> parse("costs:\n  - { name: x, category: rent, monthly-usd: \"1\" }\n"))
                .hasMessageContaining("category must be one of");
        assertThatThrownBy(() -> parse("costs:\n  - { name: x, category: other, monthly-usd: \"1\", once-usd: \"2\", from: 2026-12 }\n"))
                .hasMessageContaining("exactly one of monthly-usd or once-usd");
        assertThatThrownBy(() -> parse("plans:\n  - { name: pro, monthly-usd: \"-1\" }\n")).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> Allocation.parse("fixed:acme=0.7,globex=0.5")).hasMessageContaining("more than 1");
        assertThatThrownBy(() -> Allocation.parse("by-seats")).hasMessageContaining("by-spend, by-requests");
    }

    @Test
    void allocations_read_back_as_written() {
        for (String text : new String[] {"by-spend", "by-requests", "by-tokens", "by-active-customers", "unallocated",
                "fixed:acme=0.5,globex=0.25"}) {
            assertThat(Allocation.parse(text).text()).isEqualTo(text);
        }
    }
}
