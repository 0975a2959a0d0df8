package dev.bursar.httpclient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Response headers in arrival order; names match case-insensitively. */
public final class Http1Headers {

    private final List<String> names;
    private final List<String> values;

    Http1Headers(List<String> names, List<String> values) {
        this.names = Collections.unmodifiableList(names);
        this.values = Collections.unmodifiableList(values);
    }

    public Optional<String> first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return Optional.of(values.get(i));
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /** Whether any value of {@code name}, read as a comma-separated list, holds {@code token} (ignoring case). */
    public boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every header in arrival order. */
    public void forEach(java.util.function.BiConsumer<String, String> each) {
        for (int i = 0; i < names.size(); i++) {
            each.accept(names.get(i), values.get(i));
        }
    }

    public int size() {
        return names.size();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(names.get(i)).append(": ").append(values.get(i)).append('\n');
        }
        return b.toString();
    }
}
