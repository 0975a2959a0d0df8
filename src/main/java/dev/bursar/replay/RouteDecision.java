package dev.bursar.replay;

import dev.bursar.ledger.AnsweredCall;
import dev.bursar.routing.DifficultyScorer;
import dev.bursar.routing.PromptText;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the policy sends one request and what that is expected to do to its quality.
 *
 * @param model         the model that would answer
 * @param weak          it went to the weak model of a learned route
 * @param qualityKnown  whether {@code qualityChange} is a prediction (false: a switch between models no router compares)
 * @param qualityChange the expected change in the share of good answers: −score for a move from strong to weak (the
 *                      probability that the weak answer is worse), +score for weak to strong, 0 when the model stays
 */
record RouteDecision(String model, boolean weak, boolean qualityKnown, double qualityChange) {

    static RouteDecision of(ReplayPolicy policy, ReplayScorer scorer, AnsweredCall call, JsonNode body) {
        var route = policy.routeFor(call.requestedModel(), call.servedModel(), call.attribution().feature());
        if (route.isEmpty()) {
            return unchanged(call);
        }
        PolicyRoute r = route.get();
        if (!r.learned()) {
            boolean same = r.to().equalsIgnoreCase(call.servedModel());
            return new RouteDecision(r.to(), false, same, 0);
        }
        if (!scorer.available()) {
            throw new IllegalArgumentException("the policy has a learned route (strong " + r.strong() + ", weak "
                    + r.weak() + ") and no scorer was given to predict which prompts need the strong model");
        }
        DifficultyScorer s = scorer.scorer();
        double score = s.score(PromptText.lastUserText(body));
        boolean toWeak = score < s.threshold(r.qualityTarget().doubleValue());
        String model = toWeak ? r.weak() : r.strong();
        String served = call.servedModel();
        if (model.equalsIgnoreCase(served)) {
            return new RouteDecision(model, toWeak, true, 0);
        }
        if (toWeak && r.strong().equalsIgnoreCase(served)) {
            return new RouteDecision(model, true, true, -score);
        }
        if (!toWeak && r.weak().equalsIgnoreCase(served)) {
            return new RouteDecision(model, false, true, score);
        }
        // Answered by a model outside the pair: the router compares only its strong and weak models.
        return new RouteDecision(model, toWeak, false, 0);
    }

    private static RouteDecision unchanged(AnsweredCall call) {
        return new RouteDecision(call.servedModel(), false, true, 0);
    }
}
