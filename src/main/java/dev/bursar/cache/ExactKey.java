package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The exact cache's key: a SHA-256 over everything that can change the answer, canonicalised (object keys sorted,
 * numbers compared by value, so {@code 0.0} and {@code 0} and key order do not split entries), plus who may see it.
 *
 * <p>The body goes in whole except for the fields listed in {@link #NOT_THE_ANSWER}, which change only how the
 * answer is delivered or billed. A field Bursar has never heard of is therefore part of the key: a new parameter
 * can cost a hit, never give a wrong answer. The model is the resolved one (provider, upstream name), not the name
 * asked for, so an alias that moves to another model does not give the old model's answers.
 */
public final class ExactKey {

    /** Delivery and bookkeeping only: the same answer whatever their value. */
    static final Set<String> NOT_THE_ANSWER = Set.of("model", "stream", "stream_options", "metadata", "user", "store",
            "service_tier", "prompt_cache_key", "safety_identifier");

    private ExactKey() {
    }

    /**
     * @param scope     the tenant and scope tags ({@link CacheScope#key()})
     * @param provider  the provider's configured name
     * @param upstream  the model name sent upstream
     */
    public static String of(String scope, ClientWire wire, Endpoint endpoint, String provider, String upstream, JsonNode body) {
        MessageDigest sha = sha256();
        for (String part : List.of("bursar-exact-v1", scope, wire.name(), endpoint.name(), provider, upstream)) {
            update(sha, part);
        }
        canonical(body, sha, true);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The same hash over the parameters alone (messages left out): a semantic entry must agree on these exactly. */
    public static String ofParameters(String scope, ClientWire wire, Endpoint endpoint, String provider, String upstream,
                                      JsonNode body, Set<String> conversationFields) {
        MessageDigest sha = sha256();
        for (String part : List.of("bursar-params-v1", scope, wire.name(), endpoint.name(), provider, upstream)) {
            update(sha, part);
        }
        List<String> names = sortedNames(body);
        for (String name : names) {
            if (!NOT_THE_ANSWER.contains(name) && !conversationFields.contains(name)) {
                update(sha, name);
                canonical(body.get(name), sha, false);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void canonical(JsonNode node, MessageDigest sha, boolean top) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sha.update((byte) 'n');
        } else if (node.isObject()) {
            sha.update((byte) '{');
            for (String name : sortedNames(node)) {
                if (top && NOT_THE_ANSWER.contains(name)) {
                    continue;
                }
                update(sha, name);
                canonical(node.get(name), sha, false);
            }
            sha.update((byte) '}');
        } else if (node.isArray()) {
            sha.update((byte) '[');
            for (JsonNode child : node) {
                canonical(child, sha, false);
            }
            sha.update((byte) ']');
        } else if (node.isNumber()) {
            sha.update((byte) '#');
            BigDecimal v = node.decimalValue();
            update(sha, v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            sha.update(node.booleanValue() ? (byte) 't' : (byte) 'f');
        } else {
            sha.update((byte) '"');
            update(sha, node.asText());
        }
    }

    private static List<String> sortedNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.sort(null);
        return names;
    }

    /** Length-prefixed, so no two different sequences of parts hash the same bytes. */
    private static void update(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        sha.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
