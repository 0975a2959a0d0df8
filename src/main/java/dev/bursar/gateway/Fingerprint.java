package dev.bursar.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short hash that is equal for near-identical requests: same model, same prompt text once letters are lower-cased,
 * runs of white space folded and digits dropped (loops usually differ only by a counter or a timestamp).
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(String model, JsonNode body) {
        StringBuilder text = new StringBuilder(256).append(model).append('\u0001');
        appendText(body.get("system"), text);
        appendText(body.get("messages"), text);
        appendText(body.get("input"), text);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(normalise(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void appendText(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual()) {
            out.append(node.asText()).append('\u0001');
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                appendText(child, out);
            }
        }
    }

    private static String normalise(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
