package dev.bursar.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.Await;
import dev.bursar.testing.RawHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Http1ClientPoolTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private Http1Client client = new Http1Client();
    private RawHttpServer server;

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void hundredSequentialCallsShareOneKeepAliveConnection() throws Exception {
        // given
        server = RawHttpServer.start(RawHttpServer.answering(200, "{\"ok\":true}"));

        // when
        for (int i = 0; i < 100; i++) {
            assertThat(client.send(post("{\"i\":" + i + "}"), TIMEOUT).status()).isEqualTo(200);
        }

        // then
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void sixtyFourVirtualThreadsCallConcurrentlyAndEachGetsItsOwnAnswer() throws Exception {
        // given a server echoing each request's body back
        server = RawHttpServer.start(conn -> {
            var req = conn.readRequest();
            while (req.isPresent()) {
                conn.respond(200, req.get().bodyText());
                req = conn.readRequest();
            }
        });

        // when 64 virtual threads make 20 calls each
        List<Future<Integer>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 64; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        String body = "{\"t\":" + thread + ",\"i\":" + i + "}";
                        Http1Response r = client.send(post(body), TIMEOUT);
                        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(body);
                    }
                    return thread;
                }));
            }
        }

        // then every call got its own answer, over at most 64 connections
        for (Future<Integer> f : done) {
            f.get();
        }
        assertThat(server.connections()).isBetween(1, 64);
    }

    @Test
    void noMoreThanTheConfiguredConnectionsPerHostAreOpened() throws Exception {
        // given a pool of 2 and a server that answers slowly
        client.close();
        client = new Http1Client(Http1Config.defaults().withMaxConnectionsPerHost(2));
        server = RawHttpServer.start(conn -> {
            while (conn.readRequest().isPresent()) {
                Thread.sleep(50); // a slow upstream is the point: calls must overlap to contend for the pool
                conn.respond(200, "{}");
            }
        });

        // when 10 calls run at once
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 10; t++) {
                threads.submit(() -> client.send(post("{}"), TIMEOUT));
            }
        }

        // then they queued for the 2 connections
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aPooledConnectionTheServerClosedWhileIdleIsReplacedTransparently() throws Exception {
        // given a server that closes every connection right after its first answer, without saying so
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch firstClosed = new CountDownLatch(1);
        server = RawHttpServer.start(conn -> {
            if (conn.readRequest().isPresent()) {
                requests.incrementAndGet();
                conn.respond(200, "{\"n\":" + conn.number() + "}");
            }
            conn.close();
            firstClosed.countDown();
        });
        client.send(post("{}"), TIMEOUT);
        assertThat(firstClosed.await(5, TimeUnit.SECONDS)).as("the server closed the first connection").isTrue();

        // when the next call picks the now-dead pooled connection
        Http1Response r = client.send(post("{}"), TIMEOUT);

        // then it was sent once more on a new connection and succeeded
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
        assertThat(server.connections()).isEqualTo(2);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void aFailureAfterTheAnswerBeganIsNeverRetried() throws Exception {
        // given a server whose second answer on the kept-alive connection breaks off in the status line
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.respond(200, "{}");
            conn.readRequest();
            conn.write("HTTP/1.1 2");
            conn.close();
        });
        client.send(post("{}"), TIMEOUT);

        // when / then
        assertThatThrownBy(() -> client.send(post("{}"), TIMEOUT)).isInstanceOf(IOException.class);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aNewConnectionClosedBeforeAnsweringIsNotRetried() {
        // given a server that hangs up on every request without a word
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.close();
        });

        // when / then
        assertThatThrownBy(() -> client.send(post("{}"), TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed the connection before answering");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        // given a pool that evicts after 200 ms idle
        client.close();
        client = new Http1Client(Http1Config.defaults().withIdleTimeout(Duration.ofMillis(200)));
        server = RawHttpServer.start(RawHttpServer.answering(200, "{}"));
        client.send(post("{}"), TIMEOUT);
        URI uri = URI.create(server.baseUrl());
        assertThat(client.openConnections(uri)).isEqualTo(1);

        // when it sits idle past the timeout, then the sweeper closes it
        Await.until("the sweeper closes the idle connection", Duration.ofSeconds(5), () -> client.openConnections(uri) == 0);

        // and the next call opens a new one
        client.send(post("{}"), TIMEOUT);
        assertThat(server.connections()).isEqualTo(2);
    }

    private Http1Request post(String body) {
        return Http1Request.post(URI.create(server.baseUrl() + "/v1/x"), Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
