package dev.bursar.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers every {@code /ui/} answer carries. The policy allows only the gateway's own scripts, styles
 * and API: no inline script or style, no other origin, no framing, forms only to itself.
 */
public final class UiHeaders {

    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private UiHeaders() {
    }

    public static Map<String, String> all() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        // The pages show money and customers: a shared or back-button cache must not keep them.
        h.put("Cache-Control", "no-store");
        return h;
    }
}
