package dev.bursar.routing.learned;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fixed cross-validation split: a prompt's fold is a function of its text alone, so the split is the same on
 * every machine, in every run, and whatever order the files are read in.
 */
public final class Folds {

    public static final int COUNT = 5;

    private Folds() {
    }

    /** The fold (0 to {@link #COUNT} - 1) a prompt is held out in. */
    public static int of(String text) {
        return Math.floorMod(Integer.parseUnsignedInt(hash(text).substring(0, 7), 16), COUNT);
    }

    /** The first 16 hex digits of the text's SHA-256. */
    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
