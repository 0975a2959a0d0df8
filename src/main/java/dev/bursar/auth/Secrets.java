package dev.bursar.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random key secrets and ids, and the hash that is stored instead of the secret. */
final class Secrets {

    static final String SECRET_PREFIX = "bk-";
    static final int SECRET_RANDOM_CHARS = 40;
    static final int PREFIX_LENGTH = 10;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SECRET_FORM = Pattern.compile("bk-[0-9A-Za-z]{40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String newSecret() {
        return SECRET_PREFIX + base62(SECRET_RANDOM_CHARS);
    }

    static String newId() {
        return "key_" + base62(12);
    }

    /** Whether a string could be a secret at all; anything else is refused without touching the database. */
    static boolean wellFormed(String secret) {
        return secret != null && SECRET_FORM.matcher(secret).matches();
    }

    static String sha256Hex(String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String base62(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return sb.toString();
    }
}
