package dev.bursar.telemetry;

import dev.bursar.config.TelemetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Telemetry on: the OpenTelemetry SDK with its OTLP HTTP/protobuf exporters. Spans leave through a batch processor
 * (a bounded queue; when the collector is slow, spans are dropped, requests never wait), metrics through a periodic
 * reader. Nothing is registered globally: this gateway's providers are its own.
 */
final class OtelTelemetry implements Telemetry {

    /** The batch processor's queue: room for a few seconds of a busy gateway's spans between exports. */
    private static final int QUEUE = 16_384;

    private final SdkTracerProvider tracerProvider;
    private final SdkMeterProvider meterProvider;
    private final Tracer tracer;
    private final GenAiMetrics metrics;
    private final Map<String, String> genAiProviders;

    private OtelTelemetry(SdkTracerProvider tracerProvider, SdkMeterProvider meterProvider, String version,
                          Map<String, String> genAiProviders) {
        this.tracerProvider = tracerProvider;
        this.meterProvider = meterProvider;
        this.tracer = tracerProvider.get("dev.bursar", version);
        this.metrics = new GenAiMetrics(meterProvider.get("dev.bursar"));
        this.genAiProviders = Map.copyOf(genAiProviders);
    }

    static OtelTelemetry start(String endpoint, TelemetryConfig config, Map<String, String> genAiProviders, String version) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), config.serviceName(),
                AttributeKey.stringKey("service.version"), version)));
        SdkTracerProvider traces = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                // Marshal each batch into reused buffers: less garbage on a busy gateway.
                                .setMemoryMode(MemoryMode.REUSABLE_DATA)
                                .setEndpoint(base + "/v1/traces").build())
                        .setScheduleDelay(config.exportInterval())
                        .setMaxQueueSize(QUEUE)
                        .build())
                .build();
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                .setMemoryMode(MemoryMode.REUSABLE_DATA)
                                .setEndpoint(base + "/v1/metrics").build())
                        .setInterval(config.exportInterval())
                        .build())
                .build();
        return new OtelTelemetry(traces, meters, version, genAiProviders);
    }

    @Override
    public RequestTrace request(RequestStart start, Function<String, String> header) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), header, HEADERS);
        Span span = tracer.spanBuilder(spanName(start.operation(), start.requestedModel()))
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(GenAi.OPERATION, start.operation())
                .setAttribute(GenAi.REQUEST_MODEL, start.requestedModel() == null ? "" : start.requestedModel())
                .setAttribute(GenAi.REQUEST_STREAM, start.stream())
                .setAttribute(GenAi.BURSAR_REQUEST_ID, start.requestId())
                .startSpan();
        return new OtelRequestTrace(this, span, start);
    }

    /** The attempt's child span, under {@code parent}. */
    OtelAttemptTrace attempt(Span parent, RequestStart request, AttemptStart start) {
        Span span = tracer.spanBuilder(spanName(request.operation(), start.requestModel()))
                .setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION, request.operation())
                .setAttribute(GenAi.PROVIDER, genAiProvider(start.provider()))
                .setAttribute(GenAi.REQUEST_MODEL, start.requestModel())
                .setAttribute(GenAi.REQUEST_STREAM, request.stream())
                .setAttribute(GenAi.BURSAR_PROVIDER, start.provider())
                .setAttribute(GenAi.BURSAR_PRICE_MODEL, start.priceModel())
                .setAttribute(GenAi.BURSAR_ATTEMPT, start.number())
                .setAttribute(GenAi.BURSAR_ROUTE, start.reason())
                .startSpan();
        return new OtelAttemptTrace(span, metrics, request.operation(), genAiProvider(start.provider()), start.requestModel());
    }

    String genAiProvider(String bursarName) {
        return genAiProviders.getOrDefault(bursarName, bursarName);
    }

    /** The convention's span name: "{gen_ai.operation.name} {gen_ai.request.model}". */
    private static String spanName(String operation, String model) {
        return model == null || model.isBlank() ? operation : operation + " " + model;
    }

    @Override
    public void close() {
        // Flush first: shutdown alone may cut the last batch short.
        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        meterProvider.forceFlush().join(10, TimeUnit.SECONDS);
        tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
        meterProvider.shutdown().join(10, TimeUnit.SECONDS);
    }

    /** Reads the two trace-context headers from the gateway's header lookup (names are lower case there). */
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key.toLowerCase(java.util.Locale.ROOT));
        }
    };
}
