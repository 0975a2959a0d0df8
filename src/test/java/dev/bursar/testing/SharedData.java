package dev.bursar.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared data folder: {@code ../shared} beside the project root (the folder holding pom.xml), or
 * {@code BURSAR_SHARED} when set. Tests that read it are skipped, with a message saying so, only when it is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    /** A file under the shared folder; skips the calling test (JUnit assumption) if it is not there. */
    public static Path file(String relative) {
        Path file = folder().resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file + " is absent (the shared data folder is ../shared"
                + " beside the project root, or set BURSAR_SHARED)");
        return file;
    }

    /** LiteLLM's price file, the source of the bundled catalog. */
    public static Path liteLlmPrices() {
        return file("data/pricing/model_prices_and_context_window.json");
    }

    static Path folder() {
        String env = System.getenv("BURSAR_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return projectRoot().resolve("../shared").normalize();
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        return dir;
    }
}
