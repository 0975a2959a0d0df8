package dev.bursar.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Token counts and timestamps written into JSON trees that adapters build. */
public final class JsonCounts {

    private JsonCounts() {
    }

    /**
     * Puts a count as the smallest integral node, as a parser would read it back, so built trees equal parsed ones
     * (Jackson's IntNode and LongNode of the same value are not equal).
     */
    public static ObjectNode put(ObjectNode node, String field, long value) {
        return value == (int) value ? node.put(field, (int) value) : node.put(field, value);
    }
}
