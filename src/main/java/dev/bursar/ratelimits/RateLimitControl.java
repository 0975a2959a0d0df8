package dev.bursar.ratelimits;

import dev.bursar.attribution.Attribution;
import dev.bursar.config.RateLimitConfig;
import dev.bursar.controls.CallFacts;
import dev.bursar.controls.Permit;
import dev.bursar.controls.RateLimitStatus;
import dev.bursar.controls.SpendControl;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests and tokens per minute ({@code rate-limits:} in the config) as a {@link SpendControl}. An admission takes one
 * request and {@code promptTokens + maxOutputTokens} tokens from every rule that applies, or nothing when any rule is
 * over; settle corrects the tokens to the real usage. Counting is {@link SlidingWindow}'s: over any 60-second span
 * no client gets more than a limit (real usage above the reservation, booked at settle, aside).
 *
 * <p>A refusal is {@code SpendRefused} with a {@code RateLimited} reason whose {@code match} is the value the limit was
 * counted for (the key id, the customer...), not the rule's {@code "*"}; a call asking more tokens than a tpm limit is
 * refused as too large with a retry-after of a whole window.
 */
public final class RateLimitControl implements SpendControl {

    private final List<RateLimitConfig> rules;
    private final RateLimiter limiter;
    private final Clock clock;
    private final AtomicLong permits = new AtomicLong();

    /** Counts in process with the system clock. */
    public RateLimitControl(List<RateLimitConfig> rules) {
        this(rules, new InProcessRateLimiter(), Clock.systemUTC());
    }

    public RateLimitControl(List<RateLimitConfig> rules, RateLimiter limiter) {
        this(rules, limiter, Clock.systemUTC());
    }

    /** {@code clock} cuts the windows (tests move it); closing this control closes the limiter. */
    public RateLimitControl(List<RateLimitConfig> rules, RateLimiter limiter, Clock clock) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean covers(dev.bursar.attribution.Attribution who, String model) {
        return !applicable(who).checks().isEmpty();
    }

    @Override
    public Permit admit(CallFacts facts) {
        return SpendControl.await(admitLater(facts));
    }

    /** Admitted from this replica's chunks when every counter's has room; null otherwise. */
    @Override
    public Permit admitAtOnce(CallFacts facts) {
        Applicable applicable = applicable(facts.attribution());
        if (applicable.checks().isEmpty()) {
            return new Permit(nextId(), null, RateLimitStatus.NONE);
        }
        long tokens = Math.max(0, facts.promptTokens()) + Math.max(0, facts.maxOutputTokens());
        long now = clock.millis();
        Verdict.Admitted admitted = limiter.takeAtOnce(applicable.counters(), tokens, now);
        return admitted == null ? null : new Permit(nextId(), new Taken(applicable.counters(), admitted.slot(), tokens),
                Statuses.afterAdmission(applicable.checks(), admitted, now));
    }

    @Override
    public CompletableFuture<Permit> admitLater(CallFacts facts) {
        Applicable applicable = applicable(facts.attribution());
        if (applicable.checks().isEmpty()) {
            return CompletableFuture.completedFuture(new Permit(nextId(), null, RateLimitStatus.NONE));
        }
        long tokens = Math.max(0, facts.promptTokens()) + Math.max(0, facts.maxOutputTokens());
        long now = clock.millis();
        return limiter.takeLater(applicable.counters(), applicable.checks(), tokens, now).thenApply(verdict -> switch (verdict) {
            case Verdict.Admitted admitted -> new Permit(nextId(),
                    new Taken(applicable.counters(), admitted.slot(), tokens),
                    Statuses.afterAdmission(applicable.checks(), admitted, now));
            case Verdict.Refused refused -> throw Refusals.refusal(applicable, refused, tokens);
            case Verdict.Uncounted ignored -> new Permit(nextId(), null, RateLimitStatus.NONE);
        });
    }

    @Override
    public void settle(Permit permit, BigDecimal actualUsd, long actualTokens) {
        if (permit.handle() instanceof Taken taken) {
            long delta = Math.max(0, actualTokens) - taken.tokens();
            if (delta != 0) {
                limiter.adjust(taken, delta, clock.millis());
            }
        }
    }

    @Override
    public void close() {
        limiter.close();
    }

    /** The rules that apply to a call, and the distinct counters they read (a value's counts are shared by rules). */
    record Applicable(List<String> counters, List<LimitCheck> checks, List<RateLimitConfig> rules, List<String> values) {
    }

    /** The values rules are matched on: a call's {@link Applicable} depends on nothing else. */
    private record ScopeValues(String key, String customer, String feature, String team, String environment) {
    }

    /** Matched once per set of values (rules are fixed), not on every call; bounded like the other per-value caches. */
    private final java.util.Map<ScopeValues, Applicable> applicableByValues = new java.util.concurrent.ConcurrentHashMap<>();

    private Applicable applicable(Attribution who) {
        ScopeValues values = new ScopeValues(who.keyId(), who.customer(), who.feature(), who.team(), who.environment());
        Applicable known = applicableByValues.get(values);
        if (known == null) {
            if (applicableByValues.size() > 10_000) {
                applicableByValues.clear();
            }
            known = match(who);
            applicableByValues.put(values, known);
        }
        return known;
    }

    private Applicable match(Attribution who) {
        List<String> counters = new ArrayList<>(2);
        List<LimitCheck> checks = new ArrayList<>(2);
        List<RateLimitConfig> matched = new ArrayList<>(2);
        List<String> values = new ArrayList<>(2);
        for (RateLimitConfig rule : rules) {
            String value = valueOf(rule.scope(), who);
            if (value == null || !(rule.match().equals("*") || rule.match().equals(value))) {
                continue;
            }
            String counter = rule.scope() + ":" + value;
            int index = counters.indexOf(counter);
            if (index < 0) {
                index = counters.size();
                counters.add(counter);
            }
            checks.add(new LimitCheck(index, rule.rpm() == null ? -1 : rule.rpm(), rule.tpm() == null ? -1 : rule.tpm()));
            matched.add(rule);
            values.add(value);
        }
        return new Applicable(List.copyOf(counters), List.copyOf(checks), List.copyOf(matched), List.copyOf(values));
    }

    private static String valueOf(String scope, Attribution who) {
        return switch (scope) {
            case "key" -> who.keyId();
            case "customer" -> who.customer();
            case "feature" -> who.feature();
            case "team" -> who.team();
            case "environment" -> who.environment();
            case "global" -> "all";
            default -> throw new IllegalStateException("rate-limit scope " + scope + " is not one of " + RateLimitConfig.SCOPES);
        };
    }

    private String nextId() {
        return "rl-" + permits.incrementAndGet();
    }
}
