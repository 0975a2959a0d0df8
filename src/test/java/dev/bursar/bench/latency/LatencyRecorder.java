package dev.bursar.bench.latency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A load generator whose latency figures can be trusted (bench/latency.sh runs it): each connection is one platform
 * thread on one keep-alive socket, every answer is read to its last byte, and every latency goes into an HdrHistogram
 * (microseconds, 3 significant digits). Two modes:
 * <ul>
 *   <li>closed loop (no {@code --rate}): each connection sends its next request when the last answer is in;</li>
 *   <li>fixed rate ({@code --rate R}, requests per second over all connections, wrk2's model): each connection has a
 *       schedule, and a request's latency counts from when it was due, not from when it was sent, so a stall that
 *       holds requests back is charged to every request it delayed (coordinated omission corrected).</li>
 * </ul>
 * Prints one line, {@code RESULT key=value ...}, for the script to read.
 */
public final class LatencyRecorder {

    private static final long HIGHEST_US = 600_000_000L;

    record Options(URI url, byte[] body, List<String> headers, int connections, double durationSeconds,
                   double warmupSeconds, double rate, String label) {

        static Options parse(String[] args) throws IOException {
            URI url = null;
            byte[] body = null;
            List<String> headers = new ArrayList<>();
            int connections = 1;
            double duration = 10;
            double warmup = 0;
            double rate = 0;
            String label = "run";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> url = URI.create(value);
                    case "--body" -> body = value.getBytes(StandardCharsets.UTF_8);
                    case "--body-file" -> body = Files.readAllBytes(Path.of(value));
                    case "--header" -> headers.add(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--duration" -> duration = Double.parseDouble(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--label" -> label = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (url == null || body == null) {
                throw new IllegalArgumentException(
                        "usage: LatencyRecorder --url URL (--body JSON | --body-file F) [--header 'K: V']... "
                                + "[--connections N] [--duration S] [--warmup S] [--rate REQ_PER_S] [--label L]");
            }
            return new Options(url, body, List.copyOf(headers), connections, duration, warmup, rate, label);
        }

        byte[] request() {
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            StringBuilder head = new StringBuilder()
                    .append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }
    }

    /** What one connection saw while recording. */
    static final class Tally {
        final Histogram latencies = new Histogram(HIGHEST_US, 3);
        long non2xx;
        long errors;
        long over10ms;
        long over20ms;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.println(result(options, record(options)));
    }

    /** Runs the load the options describe and returns what all connections saw, merged. */
    static Tally record(Options options) throws InterruptedException {
        byte[] request = options.request();
        InetSocketAddress address = new InetSocketAddress(options.url().getHost(), options.url().getPort());
        long start = System.nanoTime();
        long recordFrom = start + (long) (options.warmupSeconds() * 1e9);
        long end = recordFrom + (long) (options.durationSeconds() * 1e9);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long interval = options.rate() > 0 ? (long) (options.connections() * 1e9 / options.rate()) : 0;
        for (int c = 0; c < options.connections(); c++) {
            Tally tally = new Tally();
            tallies.add(tally);
            long firstDue = start + (interval * c) / options.connections();
            KeepAliveConnection connection = new KeepAliveConnection(address, request);
            threads.add(Thread.ofPlatform().name("recorder-" + c).start(
                    () -> run(connection, tally, interval, firstDue, recordFrom, end)));
        }
        for (Thread t : threads) {
            t.join();
        }
        Tally total = new Tally();
        for (Tally t : tallies) {
            total.latencies.add(t.latencies);
            total.non2xx += t.non2xx;
            total.errors += t.errors;
            total.over10ms += t.over10ms;
            total.over20ms += t.over20ms;
        }
        return total;
    }

    /** Closed loop when {@code interval} is 0; otherwise one request every {@code interval} ns from {@code firstDue}. */
    private static void run(KeepAliveConnection connection, Tally tally, long interval, long firstDue, long recordFrom,
                            long end) {
        long due = firstDue;
        try (connection) {
            while (true) {
                long sent;
                if (interval > 0) {
                    long now = System.nanoTime();
                    while (now < due) {
                        LockSupport.parkNanos(due - now);
                        now = System.nanoTime();
                    }
                    sent = due;
                    due += interval;
                } else {
                    sent = System.nanoTime();
                }
                if (sent >= end) {
                    return;
                }
                int status;
                try {
                    status = connection.exchange();
                } catch (IOException e) {
                    status = -1;
                }
                long done = System.nanoTime();
                if (sent < recordFrom) {
                    continue;
                }
                if (status < 0) {
                    tally.errors++;
                    continue;
                }
                if (status < 200 || status > 299) {
                    tally.non2xx++;
                }
                long micros = Math.max(1, (done - sent) / 1_000);
                tally.latencies.recordValue(Math.min(micros, HIGHEST_US));
                if (micros > 10_000) {
                    tally.over10ms++;
                }
                if (micros > 20_000) {
                    tally.over20ms++;
                }
            }
        }
    }

    static String result(Options options, Tally t) {
        Histogram h = t.latencies;
        return String.format(java.util.Locale.ROOT,
                "RESULT label=%s connections=%d rate=%.0f requests=%d rps=%.1f non2xx=%d errors=%d "
                        + "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d over10ms=%d over20ms=%d",
                options.label(), options.connections(), options.rate(), h.getTotalCount(),
                h.getTotalCount() / options.durationSeconds(), t.non2xx, t.errors,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), t.over10ms, t.over20ms);
    }
}
