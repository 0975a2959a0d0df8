package dev.bursar.auth;

import dev.bursar.attribution.Attribution;
import dev.bursar.config.ConfigException;
import dev.bursar.config.KeyConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the key a client presents: keys from {@code bursar.yaml} first, then the key store. While neither has a
 * key the gateway is in open mode and accepts any bearer (announced at start), so a first try needs no set-up;
 * creating the first key through the admin API ends open mode.
 */
public final class Authenticator {

    private static final long OPEN_MODE_RECHECK_NANOS = 2_000_000_000L;

    private final Map<String, Principal> configKeysByHash;
    private final KeyStore store;
    private volatile boolean storeHasKeys;
    private volatile long storeCheckedAt;

    public Authenticator(List<KeyConfig> configKeys, KeyStore store) {
        this.configKeysByHash = configKeys.stream().collect(Collectors.toUnmodifiableMap(
                k -> Secrets.sha256Hex(k.key()), Authenticator::principalOf, (a, b) -> a));
        this.store = store;
        refreshOpenMode();
    }

    private static Principal principalOf(KeyConfig k) {
        Attribution.tooLongTag("customer", k.customer(), "team", k.team(), "feature", k.feature(),
                "environment", k.environment(), "user", k.user()).ifPresent(tag -> {
                    throw new ConfigException("keys: " + (k.name() == null ? "a key" : "key '" + k.name() + "'") + ": "
                            + tag + " is longer than " + Attribution.MAX_TAG_LENGTH + " characters, the limit for tag values");
                });
        String id = "cfg_" + Secrets.sha256Hex(k.key()).substring(0, 12);
        return new Principal(id, new Attribution(id, k.customer(), k.user(), k.team(), k.feature(), k.environment(), null));
    }

    /** True while no key is configured anywhere: every bearer is accepted. */
    public boolean openMode() {
        if (!configKeysByHash.isEmpty()) {
            return false;
        }
        if (!storeHasKeys && System.nanoTime() - storeCheckedAt > OPEN_MODE_RECHECK_NANOS) {
            refreshOpenMode();
        }
        return !storeHasKeys;
    }

    /** Call after creating or revoking a key so open mode ends (or starts) at once. */
    public void keysChanged() {
        refreshOpenMode();
    }

    private void refreshOpenMode() {
        storeHasKeys = store.list().stream().anyMatch(k -> !k.revoked());
        storeCheckedAt = System.nanoTime();
    }

    /** {@code secret} is the bearer token or x-api-key value, or null when the client sent none. */
    public AuthResult authenticate(String secret) {
        if (secret != null && !secret.isBlank()) {
            Principal fromConfig = configKeysByHash.get(Secrets.sha256Hex(secret));
            if (fromConfig != null) {
                return new AuthResult.Accepted(fromConfig);
            }
            Optional<VirtualKey> stored = store.findBySecret(secret);
            if (stored.isPresent()) {
                VirtualKey k = stored.get();
                if (k.revoked()) {
                    return new AuthResult.Revoked(k.id());
                }
                return new AuthResult.Accepted(new Principal(k.id(),
                        new Attribution(k.id(), k.customer(), k.user(), k.team(), k.feature(), k.environment(), null)));
            }
        }
        if (openMode()) {
            return new AuthResult.Accepted(new Principal(null, Attribution.NONE));
        }
        if (secret == null || secret.isBlank()) {
            return new AuthResult.Missing();
        }
        return new AuthResult.Unknown(secret.length() > 6 ? secret.substring(0, 6) + "…" : "…");
    }
}
