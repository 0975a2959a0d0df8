package dev.bursar.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/** One line that says why the gateway could not start: each distinct message down the cause chain. */
final class StartupFailure {

    private StartupFailure() {
    }

    static String describe(Throwable failure) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            String line = m.strip().replaceAll("\\s*\\R\\s*", " ");
            // Wrappers often repeat their cause's message ("java.io.IOException: ..."): keep the first saying of it.
            if (parts.stream().noneMatch(p -> p.contains(line) || line.contains(p))) {
                parts.add(line);
            }
        }
        return parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
    }
}
