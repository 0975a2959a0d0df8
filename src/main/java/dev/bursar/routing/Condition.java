package dev.bursar.routing;

import dev.bursar.config.WhenConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** One test of a rule's {@code when}, compiled from the config once at start. */
sealed interface Condition {

    boolean holds(RequestFacts facts);

    /** A tag equals one of the values (exactly: tags are stored and reported as written). */
    record TagIn(String name, Function<RequestFacts.Tags, String> tag, Set<String> values) implements Condition {
        public boolean holds(RequestFacts facts) {
            String v = tag.apply(facts.tags());
            return v != null && values.contains(v);
        }
    }

    /** The prompt has at most {@code limit} tokens. */
    record MaxInputTokens(long limit) implements Condition {
        public boolean holds(RequestFacts facts) {
            return facts.inputTokens().getAsLong() <= limit;
        }
    }

    /** The prompt has at least {@code limit} tokens. */
    record MinInputTokens(long limit) implements Condition {
        public boolean holds(RequestFacts facts) {
            return facts.inputTokens().getAsLong() >= limit;
        }
    }

    record HasTools(boolean expected) implements Condition {
        public boolean holds(RequestFacts facts) {
            return facts.hasTools() == expected;
        }
    }

    record HasImages(boolean expected) implements Condition {
        public boolean holds(RequestFacts facts) {
            return facts.hasImages() == expected;
        }
    }

    /** A header (name in lower case, as the request exposes them) has one of the values. */
    record HeaderIs(String name, Set<String> values) implements Condition {
        public boolean holds(RequestFacts facts) {
            String v = facts.header().apply(name);
            return v != null && values.contains(v);
        }
    }

    /**
     * The conditions of one {@code when}. The token thresholds go last: the other tests are free, and a rule that
     * already failed on a tag never makes the request count its prompt.
     */
    static List<Condition> of(WhenConfig w) {
        List<Condition> out = new ArrayList<>();
        tag(out, "key", RequestFacts.Tags::key, w.key());
        tag(out, "customer", RequestFacts.Tags::customer, w.customer());
        tag(out, "user", RequestFacts.Tags::user, w.user());
        tag(out, "team", RequestFacts.Tags::team, w.team());
        tag(out, "feature", RequestFacts.Tags::feature, w.feature());
        tag(out, "environment", RequestFacts.Tags::environment, w.environment());
        if (w.hasTools() != null) {
            out.add(new HasTools(w.hasTools()));
        }
        if (w.hasImages() != null) {
            out.add(new HasImages(w.hasImages()));
        }
        if (w.header() != null) {
            out.add(new HeaderIs(w.header().name().toLowerCase(Locale.ROOT), Set.copyOf(w.header().value())));
        }
        if (w.maxInputTokens() != null) {
            out.add(new MaxInputTokens(w.maxInputTokens()));
        }
        if (w.minInputTokens() != null) {
            out.add(new MinInputTokens(w.minInputTokens()));
        }
        return List.copyOf(out);
    }

    private static void tag(List<Condition> out, String name, Function<RequestFacts.Tags, String> tag, List<String> values) {
        if (values != null) {
            out.add(new TagIn(name, tag, Set.copyOf(values)));
        }
    }
}
