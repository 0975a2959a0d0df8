package dev.bursar.config;

import java.net.URI;
import java.time.Duration;

/**
 * {@code telemetry:}, OpenTelemetry export. Absent (and no {@code OTEL_EXPORTER_OTLP_ENDPOINT} in the environment),
 * nothing is traced or exported.
 *
 * @param otlp           where spans and GenAI metrics go (OTLP over HTTP/protobuf)
 * @param serviceName    the {@code service.name} resource attribute (default {@code bursar})
 * @param exportInterval how often queued spans and the metrics are sent (default 5s)
 */
public record TelemetryConfig(Otlp otlp, String serviceName, Duration exportInterval) {

    public TelemetryConfig {
        serviceName = serviceName == null || serviceName.isBlank() ? "bursar" : serviceName;
        exportInterval = exportInterval == null ? Duration.ofSeconds(5) : exportInterval;
        if (exportInterval.isNegative() || exportInterval.isZero()) {
            throw new IllegalArgumentException("export-interval must be positive");
        }
    }

    /**
     * {@code telemetry.otlp}: the collector's base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} is (the exporter adds
     * {@code /v1/traces} and {@code /v1/metrics}).
     */
    public record Otlp(String endpoint) {
        public Otlp {
            if (endpoint != null && !endpoint.isBlank()) {
                URI uri = null;
                try {
                    uri = URI.create(endpoint);
                } catch (IllegalArgumentException e) {
                    // reported below with the form it should take
                }
                if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("endpoint '" + endpoint + "' must be an http:// or https:// URL"
                            + " (the collector's OTLP/HTTP base, e.g. http://127.0.0.1:4318)");
                }
            }
        }
    }

    /** No {@code telemetry:} block. */
    public static TelemetryConfig off() {
        return new TelemetryConfig(null, null, null);
    }

    /** The configured endpoint, else the standard environment variable; empty means telemetry is off. */
    public java.util.Optional<String> endpoint(java.util.Map<String, String> env) {
        if (otlp != null && otlp.endpoint() != null && !otlp.endpoint().isBlank()) {
            return java.util.Optional.of(otlp.endpoint());
        }
        String fromEnv = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        return fromEnv == null || fromEnv.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(fromEnv);
    }
}
