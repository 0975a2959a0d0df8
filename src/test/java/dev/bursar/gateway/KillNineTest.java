package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.Stores;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.ExportFormat;
import dev.bursar.ledger.ExportQuery;
import dev.bursar.testing.Await;
import dev.bursar.testing.ServeProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: a real `bursar serve` process under concurrent load is killed with SIGKILL; every request whose
 * answer reached its client must be in the ledger afterwards.
 */
class KillNineTest {

    @Test
    void every_answered_request_is_in_the_ledger_after_kill_minus_nine(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("bursar.db");
        ServeProcess serve = ServeProcess.start(dir, "serve", """
                storage: { sqlite: "%s" }
                providers: [ { name: sim, type: sim } ]
                """.formatted(db), Map.of("BURSAR_MASTER_KEY", "bm-kill9"));
        int port = serve.port();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean stream = i % 4 == 0;
                clients.add(Thread.startVirtualThread(() -> load(http, port, stream, running, answered)));
            }
            Await.until("300 answered requests, or serve gone", Duration.ofSeconds(60),
                    () -> answered.size() >= 300 || !serve.alive());
            assertThat(serve.alive()).as("serve is still running").isTrue();
            serve.kill();
            running.set(false);
            for (Thread t : clients) {
                t.join(10_000);
            }

            Set<String> inLedger = ledgerRequestIds(db);
            List<String> missing = answered.stream().filter(id -> !inLedger.contains(id)).toList();
            assertThat(answered).hasSizeGreaterThanOrEqualTo(300);
            assertThat(missing).as("answered requests missing from the ledger after kill -9").isEmpty();
        } finally {
            serve.close();
            http.close();
        }
    }

    private static void load(HttpClient http, int port, boolean stream, AtomicBoolean running, ConcurrentLinkedQueue<String> answered) {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":16,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (running.get()) {
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                boolean complete = !stream || r.body().contains("data: [DONE]");
                if (r.statusCode() == 200 && complete) {
                    answered.add(r.headers().firstValue("X-Bursar-Request-Id").orElseThrow());
                }
            } catch (IOException e) {
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<String> ledgerRequestIds(Path db) {
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.ledger().export(new ExportQuery(Instant.EPOCH, Instant.now().plusSeconds(3600), 0), ExportFormat.CSV, out);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            List<String> header = List.of(lines.get(0).split(","));
            int col = header.indexOf("request_id");
            return lines.stream().skip(1).map(l -> l.split(",")[col]).collect(Collectors.toSet());
        }
    }

}
