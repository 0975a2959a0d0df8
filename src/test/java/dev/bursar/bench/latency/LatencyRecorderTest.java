package dev.bursar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The recorder is the bench's ruler: it must read whole answers in both framings and, at a fixed rate, charge a
 * server's stall to every request the stall held back (what wrk and closed-loop clients leave out).
 */
class LatencyRecorderTest {

    @Test
    void a_stall_at_a_fixed_rate_is_charged_to_every_request_it_delayed_but_to_one_in_a_closed_loop() throws Exception {
        try (StallingServer server = new StallingServer(false)) {
            LatencyRecorder.Tally closed = LatencyRecorder.record(options(server, 0));
            server.stallNext();
            LatencyRecorder.Tally closedWithStall = LatencyRecorder.record(options(server, 0));
            server.stallNext();
            LatencyRecorder.Tally fixed = LatencyRecorder.record(options(server, 500));

            assertThat(closed.errors + closed.non2xx).isZero();
            assertThat(closed.latencies.getTotalCount()).isPositive();
            // The 200 ms stall: one request in a closed loop; at 500 req/s about 100 requests were due while it lasted.
            assertThat(closedWithStall.latencies.getCountBetweenValues(150_000, 10_000_000)).isEqualTo(1);
            assertThat(fixed.latencies.getCountBetweenValues(50_000, 10_000_000)).isGreaterThan(40);
            assertThat(fixed.latencies.getMaxValue()).isGreaterThanOrEqualTo(190_000);
        }
    }

    @Test
    void chunked_answers_such_as_sse_streams_are_read_to_their_end_on_one_connection() throws Exception {
        try (StallingServer server = new StallingServer(true)) {
            LatencyRecorder.Tally t = LatencyRecorder.record(options(server, 0));
            assertThat(t.errors).isZero();
            assertThat(t.latencies.getTotalCount()).isEqualTo(server.requests.get());
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    private static LatencyRecorder.Options options(StallingServer server, double rate) {
        return new LatencyRecorder.Options(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"),
                "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8), List.of("Authorization: Bearer k"), 1, 1.0, 0,
                rate, "test");
    }

    /** Answers each request at once, except the first one after {@link #stallNext()}, which waits 200 ms. */
    private static final class StallingServer implements AutoCloseable {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        private final ServerSocket socket;
        private final boolean chunked;
        private volatile boolean stall;

        StallingServer(boolean chunked) throws IOException {
            this.chunked = chunked;
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        void stallNext() {
            stall = true;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))) {
                OutputStream out = s.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    int length = 0;
                    while (!(line = in.readLine()).isEmpty()) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    in.skip(length);
                    if (stall) {
                        stall = false;
                        Thread.sleep(200);
                    }
                    requests.incrementAndGet();
                    out.write(answer().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the recorder closed the connection
            }
        }

        private String answer() {
            if (!chunked) {
                return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
            }
            String e1 = "data: {\"a\":1}\n\n";
            String e2 = "data: [DONE]\n\n";
            return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(e1.length()) + ";ext=1\r\n" + e1 + "\r\n"
                    + Integer.toHexString(e2.length()) + "\r\n" + e2 + "\r\n0\r\n\r\n";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
