package dev.bursar.gateway;

import java.util.concurrent.ThreadLocalRandom;

/** Request and event ids: random, URL-safe, without the shared lock of SecureRandom on the request path. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private Ids() {
    }

    public static String next(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[prefix.length() + 22];
        prefix.getChars(0, prefix.length(), c, 0);
        for (int i = prefix.length(); i < c.length; i++) {
            c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
