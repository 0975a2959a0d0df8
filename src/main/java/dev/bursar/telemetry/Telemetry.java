package dev.bursar.telemetry;

import dev.bursar.config.TelemetryConfig;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the request path reports to OpenTelemetry: one span per client request ({@link #request}), one child span per
 * provider attempt ({@link RequestTrace#attempt}), and the GenAI client metrics. {@link #off()} (the default) costs
 * one no-op call per request and per attempt.
 */
public interface Telemetry extends AutoCloseable {

    /** Starts the span of one client request, continuing the caller's W3C {@code traceparent} when it sent one. */
    RequestTrace request(RequestStart start, Function<String, String> header);

    /** Sends what is still queued and stops the exporters. */
    @Override
    void close();

    /** Telemetry is off: nothing is recorded. */
    static Telemetry off() {
        return Noop.TELEMETRY;
    }

    /**
     * Telemetry as {@code config} (or {@code OTEL_EXPORTER_OTLP_ENDPOINT}) says; off when neither names an endpoint.
     *
     * @param genAiProviders the GenAI provider name ({@code gen_ai.provider.name}) of each configured provider, by
     *                       its Bursar name; a provider not in it is named by its Bursar name
     */
    static Telemetry of(TelemetryConfig config, Map<String, String> env, Map<String, String> genAiProviders,
                        String version) {
        return config.endpoint(env)
                .<Telemetry>map(endpoint -> OtelTelemetry.start(endpoint, config, genAiProviders, version))
                .orElse(off());
    }
}
