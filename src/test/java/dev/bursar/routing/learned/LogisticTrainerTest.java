package dev.bursar.routing.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {

    @Test
    void newton_recovers_the_weights_that_generated_the_labels() {
        Random random = new Random(3);
        int n = 20_000;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
            double p = 1 / (1 + Math.exp(-(2 * x[i][0] - x[i][1] + 0.5)));
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        LogisticModel m = LogisticTrainer.fit(x, y, 1e-6);

        assertThat(m.weights()[0]).isEqualTo(2, within(0.1));
        assertThat(m.weights()[1]).isEqualTo(-1, within(0.1));
        assertThat(m.bias()).isEqualTo(0.5, within(0.1));
    }

    @Test
    void the_penalty_shrinks_the_weights_but_not_the_bias() {
        double[][] x = {{1}, {-1}, {1}, {-1}, {1}, {-1}};
        double[] y = {1, 0, 1, 0, 1, 1};
        LogisticModel loose = LogisticTrainer.fit(x, y, 1e-3);
        LogisticModel tight = LogisticTrainer.fit(x, y, 100);

        assertThat(Math.abs(tight.weights()[0])).isLessThan(Math.abs(loose.weights()[0]) / 5);
        // With the weight near 0, the bias alone fits the base rate 4/6.
        assertThat(tight.probability(new double[] {0})).isEqualTo(4.0 / 6, within(0.02));
    }
}
