package dev.bursar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's key: from the config, else {@code BURSAR_MASTER_KEY}, else the file {@code master.key} in the data
 * folder, else a new one generated, saved there (owner-only) and printed once.
 */
record MasterKey(String value, boolean generated) {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    /** The key a running gateway uses, without making one: for commands that call its admin API. */
    static Optional<String> existing(String fromConfig, Map<String, String> env, Path dataDir) {
        if (fromConfig != null && !fromConfig.isBlank()) {
            return Optional.of(fromConfig);
        }
        String fromEnv = env.get("BURSAR_MASTER_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        Path file = dataDir.resolve("master.key");
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()).filter(k -> !k.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    static MasterKey resolve(String fromConfig, Map<String, String> env, Path dataDir) {
        if (fromConfig != null && !fromConfig.isBlank()) {
            return new MasterKey(fromConfig, false);
        }
        String fromEnv = env.get("BURSAR_MASTER_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new MasterKey(fromEnv, false);
        }
        Path file = dataDir.resolve("master.key");
        try {
            Optional<String> saved = Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
            if (saved.isPresent() && !saved.get().isEmpty()) {
                return new MasterKey(saved.get(), false);
            }
            String key = generate();
            Files.createDirectories(dataDir);
            Files.writeString(file, key + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file keeps the default permissions
            }
            return new MasterKey(key, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the master key file " + file, e);
        }
    }

    private static String generate() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("bm-");
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
