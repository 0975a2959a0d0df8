package dev.bursar.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.RawHttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Http1ClientTimeoutTest {

    private final Http1Client client = new Http1Client();
    private RawHttpServer server;

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheCallTimeout() {
        // given
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            Thread.sleep(5_000); // a silent upstream is the point: the client's timeout must fire first
        });
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> client.send(post(), Duration.ofMillis(400))).isInstanceOf(SocketTimeoutException.class);
        assertThat(elapsedSince(start)).isBetween(Duration.ofMillis(350), Duration.ofSeconds(3));
    }

    @Test
    void aBodyTricklingInSlowerThanTheCallTimeoutStillTimesOutAtTheDeadline() {
        // given a server that sends a byte every 100 ms: no single read waits long, the whole call does
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                conn.write("x");
                Thread.sleep(100); // the trickle is the point
            }
        });
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> client.send(post(), Duration.ofMillis(600))).isInstanceOf(SocketTimeoutException.class);
        assertThat(elapsedSince(start)).isBetween(Duration.ofMillis(550), Duration.ofSeconds(3));
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws IOException {
        // given a port nobody listens on
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        // when / then
        assertThatThrownBy(() -> client.send(Http1Request.post(URI.create("http://127.0.0.1:" + port + "/"), Map.of(),
                new byte[0]), Duration.ofSeconds(2))).isInstanceOf(ConnectException.class);
    }

    @Test
    void aServerClosingInTheMiddleOfALengthDelimitedBodyFailsTheCall() {
        // given
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"partial\":");
            conn.close();
        });

        // when / then
        assertThatThrownBy(() -> client.send(post(), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("after 11 of 50 body bytes");
    }

    private Http1Request post() {
        return Http1Request.post(URI.create(server.baseUrl() + "/"), Map.of(), "{}".getBytes());
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
