package dev.bursar.resilience;

/** A circuit's state; {@link #code} is its value in the {@code bursar_circuit_state} gauge. */
public enum CircuitState {
    CLOSED(0, "closed"),
    HALF_OPEN(1, "half_open"),
    OPEN(2, "open");

    private final int code;
    private final String label;

    CircuitState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The label, so JSON and log lines print {@code half_open} rather than the constant's name. */
    @Override
    public String toString() {
        return label;
    }
}
