package dev.bursar.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP collector in the test's process: it decodes what the exporter posts to {@code /v1/traces} and
 * {@code /v1/metrics} with the OpenTelemetry proto classes and keeps every span and metric it got.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<KeyValue> resource = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver r = new OtlpReceiver(server);
            server.createContext("/v1/traces", r::traces);
            server.createContext("/v1/metrics", r::metrics);
            server.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void traces(HttpExchange ex) throws IOException {
        contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
        try (InputStream in = ex.getRequestBody()) {
            ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(in);
            req.getResourceSpansList().forEach(rs -> {
                resource.addAll(rs.getResource().getAttributesList());
                rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList()));
            });
        }
        reply(ex, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }

    private void metrics(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            ExportMetricsServiceRequest req = ExportMetricsServiceRequest.parseFrom(in);
            req.getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList()
                    .forEach(sm -> metrics.addAll(sm.getMetricsList())));
        }
        reply(ex, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
    }

    private static void reply(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    Optional<String> resourceAttribute(String key) {
        return resource.stream().filter(kv -> kv.getKey().equals(key)).findFirst().map(kv -> text(kv.getValue()));
    }

    /** The span of the client request Bursar answered with {@code requestId} (its X-Bursar-Request-Id). */
    Optional<Span> requestSpan(String requestId) {
        return spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER
                && requestId.equals(attr(s, "bursar.request_id").orElse(null))).findFirst();
    }

    /** The child spans of {@code parent}, by attempt number. */
    List<Span> children(Span parent) {
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
                .sorted(java.util.Comparator.comparingLong(s -> Long.parseLong(attr(s, "bursar.attempt").orElse("0"))))
                .toList();
    }

    static Optional<String> attr(Span s, String key) {
        return s.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(kv -> text(kv.getValue()));
    }

    /** Any attribute value as text; arrays as their elements joined by commas. */
    static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case ARRAY_VALUE -> String.join(",", v.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList());
            default -> v.toString();
        };
    }

    static String hex(com.google.protobuf.ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
