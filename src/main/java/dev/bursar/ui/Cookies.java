package dev.bursar.ui;

import java.time.Duration;
import java.util.Optional;

/** Reading the session cookie from a {@code Cookie} header and writing it as {@code Set-Cookie}. */
public final class Cookies {

    private Cookies() {
    }

    /** The session token in a {@code Cookie} header, if any. */
    public static Optional<String> session(Optional<String> cookieHeader) {
        if (cookieHeader.isEmpty()) {
            return Optional.empty();
        }
        for (String part : cookieHeader.get().split(";")) {
            String p = part.trim();
            if (p.startsWith(Sessions.COOKIE + "=")) {
                return Optional.of(p.substring(Sessions.COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The session cookie: not readable by scripts ({@code HttpOnly}), never sent by another site's page
     * ({@code SameSite=Strict}), gone when the session expires ({@code Max-Age}); {@code Secure} when served over TLS.
     * Path {@code /} because the pages read {@code /admin/...} with it.
     */
    public static String set(String token, Duration lifetime, boolean secure) {
        return Sessions.COOKIE + "=" + token + "; Path=/; Max-Age=" + lifetime.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Clears the cookie in the browser. */
    public static String clear(boolean secure) {
        return Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
