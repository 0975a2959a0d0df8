package dev.bursar.bench;

import dev.bursar.providers.UpstreamHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream transport micro benchmark: POSTs through {@link UpstreamHttp} to a local server that answers a fixed
 * chat-completion JSON at once ({@link FixedAnswerServer}), with the new HTTP/1.1 client and with the JDK HttpClient, in the same run.
 * Reports requests/s, µs/request and the ratio new/JDK, sequential (one caller) and concurrent (virtual threads).
 * Server and client share the machine, so absolute numbers include the server; the ratio is the point.
 *
 * <pre>
 * ./mvnw -q -B -o test-compile
 * java -cp target/classes:target/test-classes dev.bursar.bench.UpstreamClientBench [requests=20000] [threads=64]
 * (add -XX:ActiveProcessorCount=1 to see one core)
 * </pre>
 */
public final class UpstreamClientBench {

    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";
    private static final byte[] REQUEST = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hello\"}],\"max_tokens\":16}").getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer sk-test", "Content-Type", "application/json");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Result(double perSecond, double microsPerRequest) {
    }

    private UpstreamClientBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (FixedAnswerServer server = new FixedAnswerServer(ANSWER)) {
            URI uri = URI.create(server.baseUrl() + "/v1/chat/completions");
            System.out.printf(Locale.ROOT, "%d requests per run, %d virtual threads for the concurrent run, %d cores%n",
                    requests, threads, Runtime.getRuntime().availableProcessors());
            UpstreamHttp http1 = new UpstreamHttp();
            UpstreamHttp jdk = UpstreamHttp.jdk();
            // First pass warms both clients up (JIT, pools); the second is reported.
            for (int pass = 0; pass < 2; pass++) {
                Result newSeq = sequential(http1, uri, requests);
                Result jdkSeq = sequential(jdk, uri, requests);
                Result newConc = concurrent(http1, uri, requests, threads);
                Result jdkConc = concurrent(jdk, uri, requests, threads);
                if (pass == 1) {
                    print("sequential", newSeq, jdkSeq);
                    print("concurrent", newConc, jdkConc);
                }
            }
        }
    }

    /** One caller, on a virtual thread like the gateway's request threads. */
    private static Result sequential(UpstreamHttp http, URI uri, int requests) throws Exception {
        try (ExecutorService one = Executors.newVirtualThreadPerTaskExecutor()) {
            return one.submit(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    call(http, uri);
                }
                return result(requests, System.nanoTime() - start);
            }).get();
        }
    }

    private static Result concurrent(UpstreamHttp http, URI uri, int requests, int threads) throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        call(http, uri);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return result(requests, System.nanoTime() - start);
    }

    private static void call(UpstreamHttp http, URI uri) {
        UpstreamHttp.Response r = http.post("bench", uri, HEADERS, REQUEST, TIMEOUT);
        if (r.status() != 200 || r.body().length != ANSWER.length()) {
            throw new IllegalStateException("unexpected answer " + r.status() + ": " + r.bodyText());
        }
    }

    private static Result result(int requests, long nanos) {
        double seconds = nanos / 1e9;
        return new Result(requests / seconds, nanos / 1e3 / requests);
    }

    private static void print(String mode, Result http1, Result jdk) {
        System.out.printf(Locale.ROOT, "%-10s  http1 %9.0f req/s %7.1f µs/req | jdk %9.0f req/s %7.1f µs/req | http1/jdk throughput x%.2f%n",
                mode, http1.perSecond(), http1.microsPerRequest(), jdk.perSecond(), jdk.microsPerRequest(),
                http1.perSecond() / jdk.perSecond());
    }
}
