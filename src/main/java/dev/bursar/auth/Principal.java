package dev.bursar.auth;

import dev.bursar.attribution.Attribution;

/**
 * Who is calling: the key (null in open mode) and the tags its spend is attributed to by default.
 */
public record Principal(String keyId, Attribution defaults) {
}
