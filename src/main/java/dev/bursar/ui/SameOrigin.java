package dev.bursar.ui;

import java.util.Optional;

/**
 * The CSRF check of the dashboard's state-changing calls (log in, log out): the browser's {@code Origin} must be the
 * gateway itself. {@code SameSite=Strict} already keeps the cookie off other sites' requests; this also refuses a
 * cross-site form that would log a victim in, and any browser request that hides its origin.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /** True when {@code origin} names the scheme-less {@code host} header's host and port, over http or https. */
    public static boolean check(Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty() || host.isEmpty() || host.get().isBlank()) {
            return false;
        }
        String o = origin.get().trim();
        String h = host.get().trim();
        return o.equalsIgnoreCase("http://" + h) || o.equalsIgnoreCase("https://" + h);
    }
}
