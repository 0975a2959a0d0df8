package dev.bursar.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.RawHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Http1ClientStreamTest {

    private static final Duration HEAD = Duration.ofSeconds(5);
    private static final Duration GAP = Duration.ofSeconds(5);
    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    private final Http1Client client = new Http1Client();
    private RawHttpServer server;

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void eachChunkIsReadableAsSoonAsItArrivesWhileTheServerIsStillSending() throws Exception {
        // given a server sending three chunks 300 ms apart, and holding the last until the client saw the second
        CountDownLatch clientSawSecond = new CountDownLatch(1);
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(CHUNKED_HEAD).chunk("data: one\n\n");
            Thread.sleep(300); // a slow upstream is the point: chunks must be readable while the server still sends
            conn.chunk("data: two\n\n");
            Thread.sleep(300);
            assertThat(clientSawSecond.await(5, TimeUnit.SECONDS)).isTrue();
            conn.chunk("data: three\n\n").write("0\r\n\r\n");
            while (conn.readRequest().isPresent()) {
                conn.respond(200, "{}");
            }
        });

        // when the stream is opened and read chunk by chunk
        Http1Streamed s = client.stream(post(), HEAD, GAP);
        long start = System.nanoTime();
        String one = readChunk(s.body());
        String two = readChunk(s.body());
        long secondAt = System.nanoTime() - start;
        clientSawSecond.countDown();
        String three = readChunk(s.body());
        int end = s.body().read();
        s.body().close();

        // then each chunk came alone, the second after the server's pause, before the server finished
        assertThat(s.status()).isEqualTo(200);
        assertThat(one).isEqualTo("data: one\n\n");
        assertThat(two).isEqualTo("data: two\n\n");
        assertThat(three).isEqualTo("data: three\n\n");
        assertThat(end).isEqualTo(-1);
        assertThat(Duration.ofNanos(secondAt)).isBetween(Duration.ofMillis(200), Duration.ofMillis(2_000));
        // and the connection, read to its end, carries the next call
        assertThat(client.send(post(), HEAD).status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void closingAStreamBeforeItsEndDiscardsTheConnection() throws Exception {
        // given a stream that has sent one chunk and will send more
        server = RawHttpServer.start(conn -> {
            if (conn.readRequest().isEmpty()) {
                return;
            }
            if (conn.number() == 1) {
                conn.write(CHUNKED_HEAD).chunk("data: one\n\n");
                Thread.sleep(10_000); // the stream stays open (the point); closing the server ends the sleep
            } else {
                conn.respond(200, "{}");
            }
        });
        Http1Streamed s = client.stream(post(), HEAD, GAP);
        readChunk(s.body());

        // when the reader gives up early
        s.body().close();

        // then the next call needs, and gets, a new connection
        assertThat(client.send(post(), HEAD).status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(2);
        assertThatThrownBy(() -> s.body().read()).isInstanceOf(IOException.class);
    }

    @Test
    void aStreamClosedFromAnotherThreadWakesTheBlockedReaderWithAnIOException() throws Exception {
        // given a stream whose server goes silent
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(CHUNKED_HEAD).chunk("a");
            Thread.sleep(10_000); // a silent upstream is the point; closing the server ends the sleep
        });
        Http1Streamed s = client.stream(post(), HEAD, GAP);
        readChunk(s.body());

        // when a watchdog closes the body while the reader waits
        Thread.ofVirtual().start(() -> {
            sleep(200); // lets the reader block first; if it has not yet, the read fails at once, which holds too
            closeQuietly(s.body());
        });
        long start = System.nanoTime();

        // then the read fails promptly instead of waiting for the gap timeout
        assertThatThrownBy(() -> s.body().read(new byte[64])).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aGapLongerThanTheReadTimeoutFailsTheReadWithSocketTimeoutException() throws Exception {
        // given a stream that sends one chunk, then nothing for longer than the read timeout
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(CHUNKED_HEAD).chunk("data: one\n\n");
            Thread.sleep(5_000); // a silent upstream is the point: the client's timeout must fire first
        });
        Http1Streamed s = client.stream(post(), HEAD, Duration.ofMillis(300));
        readChunk(s.body());
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> s.body().read(new byte[64])).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        s.body().close();
    }

    @Test
    void waitingForTheHeadOfAStreamIsBoundedByTheHeadTimeout() {
        // given a server that reads the request and never answers
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            Thread.sleep(5_000); // a silent upstream is the point: the client's timeout must fire first
        });
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> client.stream(post(), Duration.ofMillis(300), GAP))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void aServerClosingInTheMiddleOfAChunkedStreamFailsTheReadWithAnIOException() throws Exception {
        // given a chunk announced as 100 bytes, of which 5 arrive before the server closes
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write(CHUNKED_HEAD + "64\r\nhello");
            conn.close();
        });
        Http1Streamed s = client.stream(post(), HEAD, GAP);

        // when / then
        assertThat(readChunk(s.body())).isEqualTo("hello");
        assertThatThrownBy(() -> s.body().read(new byte[64])).isInstanceOf(IOException.class)
                .hasMessageContaining("middle of a chunked body");
    }

    private Http1Request post() {
        return Http1Request.post(URI.create(server.baseUrl() + "/stream"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String readChunk(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        int n = in.read(buf);
        return n < 0 ? "<end>" : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the test checks the reader's side
        }
    }
}
