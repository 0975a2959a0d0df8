package dev.bursar.routing.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RouteLLM's metrics on curves small enough to work out by hand. */
class CostCurveTest {

    // Ten prompts; the strong model is right on all, the weak one on the last six: the gap is 0.4.
    static final double[] STRONG = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    static final double[] WEAK = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    final CostCurve curve = new CostCurve(STRONG, WEAK);

    @Test
    void a_router_that_ranks_the_four_failures_first_recovers_the_gap_by_forty_percent_of_calls() {
        double[] perfect = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0};
        List<CostCurve.Point> points = curve.routed(perfect);

        // Cuts at the deciles: i-th cut sends the top 10 - i prompts to the strong model (the last one: none).
        assertThat(points.getFirst()).isEqualTo(new CostCurve.Point(0.0, 0.6));
        assertThat(points.get(4).strongShare()).isEqualTo(0.4);
        assertThat(points.get(4).quality()).isEqualTo(1.0, within(1e-12));
        // Area: 0 to 0.4 rises linearly 0.6 -> 1.0 (0.32), then 1.0 for 0.6 (0.6): 0.92; weak area 0.6; gap 0.4.
        assertThat(curve.apgr(points)).isEqualTo((0.92 - 0.6) / 0.4, within(1e-9));
        assertThat(curve.callsToReach(points, 0.5)).isEqualTo(0.2, within(1e-9));
        assertThat(curve.callsToReach(points, 0.8)).isEqualTo(0.32, within(1e-9));
    }

    @Test
    void a_router_that_ranks_them_last_is_worse_than_random_and_random_is_about_half() {
        double[] backwards = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        // Flat at 0.6 until the strong share passes 0.6, then linear to 1.0: area 0.6 + 0.4 * 0.2 = 0.68.
        assertThat(curve.apgr(curve.routed(backwards))).isEqualTo((0.68 - 0.6) / 0.4, within(1e-9));
        double[] random = curve.randomApgr(400, 7);
        assertThat(random[0]).isBetween(0.45, 0.55);
        assertThat(random[1]).isPositive();
    }

    @Test
    void the_oracle_spends_strong_calls_only_where_they_gain() {
        List<CostCurve.Point> oracle = curve.oracle();
        assertThat(oracle.get(2).quality()).isEqualTo(0.8, within(1e-12));
        assertThat(oracle.get(4).quality()).isEqualTo(1.0, within(1e-12));
        assertThat(oracle.getLast().quality()).as("never more than the four gains").isEqualTo(1.0, within(1e-12));
    }
}
