package dev.bursar.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * Decides whose spend a request is. Tags come from the key's defaults, then the {@code X-Bursar-*} headers, then the
 * body ({@code metadata} and {@code user}); later wins. The key's environment is the one exception: a production
 * key cannot file its spend under "dev" by sending a header, so a key's environment always wins.
 *
 * <p>Bursar's own metadata entries ({@code customer}, {@code feature}, {@code prompt_version}, ... and their
 * {@code bursar_}-prefixed forms) are removed from the body before it goes upstream.
 */
public final class Attributor {


    public Attribution attribute(Attribution keyDefaults, Function<String, String> header, ObjectNode body, boolean anthropicWire) {
        String customer = keyDefaults.customer();
        String user = keyDefaults.user();
        String team = keyDefaults.team();
        String feature = keyDefaults.feature();
        String environment = keyDefaults.environment();
        String promptVersion = keyDefaults.promptVersion();

        customer = first(header.apply("x-bursar-customer"), customer);
        user = first(header.apply("x-bursar-user"), user);
        team = first(header.apply("x-bursar-team"), team);
        feature = first(header.apply("x-bursar-feature"), feature);
        promptVersion = first(header.apply("x-bursar-prompt-version"), promptVersion);
        String headerEnv = first(header.apply("x-bursar-env"), header.apply("x-bursar-environment"));

        JsonNode metadata = body.get("metadata");
        String bodyEnv = null;
        if (metadata instanceof ObjectNode md) {
            customer = first(take(md, "customer"), customer);
            user = first(take(md, "user"), user);
            team = first(take(md, "team"), team);
            feature = first(take(md, "feature"), feature);
            promptVersion = first(take(md, "prompt_version"), promptVersion);
            bodyEnv = first(take(md, "environment"), take(md, "env"));
            if (anthropicWire) {
                user = first(text(md.get("user_id")), user);
            }
            if (md.isEmpty()) {
                body.remove("metadata");
            }
        }
        if (!anthropicWire) {
            user = first(text(body.get("user")), user);
        }
        if (environment == null) {
            environment = first(bodyEnv, headerEnv);
        }
        return new Attribution(keyDefaults.keyId(), customer, user, team, feature, environment, promptVersion);
    }

    /** Removes {@code name} and {@code bursar_name} from metadata and returns the value found (prefixed wins). */
    private static String take(ObjectNode md, String name) {
        String plain = text(md.remove(name));
        String prefixed = text(md.remove("bursar_" + name));
        return first(prefixed, plain);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.isBlank() ? null : s;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

}
