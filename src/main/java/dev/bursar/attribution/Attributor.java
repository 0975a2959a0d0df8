package dev.bursar.attribution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * Decides whose spend a request is.
 *
 * <p><b>A key's tags are locked.</b> Every tag a key sets (customer, user, team, feature, environment) is the
 * attribution of every request made with it. A request can fill only the tags its key leaves empty, from its
 * {@code X-Bursar-*} headers and then its body ({@code metadata} and {@code user}; the body wins over the headers).
 * So a backend key without a customer can still attribute per end customer, while a key given to one customer cannot
 * bill another customer or escape that customer's budget.
 *
 * <p>A request that names a different value for a locked tag is served under the key's value, not refused: SDKs and
 * frameworks often send the same metadata on every call whatever key they hold, and refusing those would break
 * working clients for no gain, since the request's value never counts either way.
 *
 * <p>Bursar's own metadata entries ({@code customer}, {@code feature}, {@code prompt_version}, ... and their
 * {@code bursar_}-prefixed forms) are removed from the body before it goes upstream. Tag values longer than 256
 * characters, and header values that are not ASCII, are refused (see {@link RequestTags}).
 */
public final class Attributor {

    public Attribution attribute(Attribution key, Function<String, String> header, ObjectNode body, boolean anthropicWire) {
        RequestTags asked = RequestTags.read(header, body, anthropicWire);
        return new Attribution(key.keyId(),
                locked(key.customer(), asked.customer()),
                locked(key.user(), asked.user()),
                locked(key.team(), asked.team()),
                locked(key.feature(), asked.feature()),
                locked(key.environment(), asked.environment()),
                locked(key.promptVersion(), asked.promptVersion()));
    }

    private static String locked(String fromKey, String fromRequest) {
        return fromKey != null && !fromKey.isBlank() ? fromKey : fromRequest;
    }
}
