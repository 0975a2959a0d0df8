package dev.bursar.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dashboard sessions: signed, expiring tokens, nothing stored per session. A token is
 * {@code <expiry epoch second>.<random id>.<HMAC-SHA256>} under a key drawn at start, so a restart logs everyone
 * out and no table is needed. Logging out remembers the token's id until it would have expired anyway.
 */
public final class Sessions {

    /** The cookie's name; the cookie is {@code HttpOnly; SameSite=Strict} and expires with the token. */
    public static final String COOKIE = "bursar_session";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] masterKey;
    private final SecretKeySpec signingKey;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> loggedOut = new ConcurrentHashMap<>();

    public Sessions(String masterKey, Clock clock, Duration lifetime) {
        this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.signingKey = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new session for whoever presented the master key; empty when the key is wrong (compared in constant time). */
    public Optional<String> login(String presentedKey) {
        if (presentedKey == null || !MessageDigest.isEqual(masterKey, presentedKey.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        byte[] id = new byte[18];
        random.nextBytes(id);
        String body = (clock.instant().plus(lifetime).getEpochSecond()) + "." + B64.encodeToString(id);
        return Optional.of(body + "." + sign(body));
    }

    /** True for a token this process signed, not expired and not logged out. */
    public boolean valid(String token) {
        return parse(token).isPresent();
    }

    /** Ends a session before it expires. */
    public void logout(String token) {
        parse(token).ifPresent(expiry -> loggedOut.put(token, expiry));
        Instant now = clock.instant();
        loggedOut.values().removeIf(e -> !e.isAfter(now)); // expired tokens are refused anyway
    }

    /** How long a new session lasts: the cookie's {@code Max-Age}. */
    public Duration lifetime() {
        return lifetime;
    }

    private Optional<Instant> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        int firstDot = token.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return Optional.empty();
        }
        String body = token.substring(0, lastDot);
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant expiry;
        try {
            expiry = Instant.ofEpochSecond(Long.parseLong(token.substring(0, firstDot)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!expiry.isAfter(clock.instant()) || loggedOut.containsKey(token)) {
            return Optional.empty();
        }
        return Optional.of(expiry);
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            return B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
