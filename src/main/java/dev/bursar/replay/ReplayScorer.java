package dev.bursar.replay;

import dev.bursar.routing.DifficultyScorer;

/**
 * The router's prediction a replay uses for {@code strategy: learned} routes and the expected quality change of a
 * move between strong and weak. {@link #none()} has no prediction: learned routes cannot be replayed, and a switch
 * to another model is reported with its quality unknown.
 *
 * @param name   what the report says was used ("none", "shipped", ...)
 * @param scorer null for {@link #none()}
 */
public record ReplayScorer(String name, DifficultyScorer scorer) {

    public static ReplayScorer none() {
        return new ReplayScorer("none", null);
    }

    public static ReplayScorer of(String name, DifficultyScorer scorer) {
        return new ReplayScorer(name, java.util.Objects.requireNonNull(scorer, "scorer"));
    }

    boolean available() {
        return scorer != null;
    }
}
