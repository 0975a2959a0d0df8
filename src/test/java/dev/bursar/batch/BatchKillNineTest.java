package dev.bursar.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.testing.ServeProcess;
import dev.bursar.testing.TempDirs;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A real {@code bursar serve} killed with SIGKILL in the middle of a local batch, then started again: the batch
 * completes, and every line is in the ledger exactly once (count and sum), at half the synchronous price.
 */
class BatchKillNineTest {

    static final int LINES = 1500;

    @Test
    void a_batch_killed_mid_run_resumes_at_start_and_books_every_line_exactly_once() throws Exception {
        Path dir = TempDirs.create("batch-kill9");
        Path db = dir.resolve("bursar.db");
        String yaml = """
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 15, tokens-per-second: 0, seed: 3 } }
                keys:
                  - { key: batch-key, customer: acme }
                batch: { concurrency: 8, lease: 2s }
                storage: { sqlite: "%s" }
                """.formatted(db);
        String batchId;
        try {
            try (ServeProcess first = ServeProcess.start(dir, "first", yaml, Map.of("BURSAR_MASTER_KEY", "bm-k9"))) {
                OpenAIClient client = client(first);
                String file = client.files().create(FileCreateParams.builder()
                        .file(BatchSdkTest.lines(LINES, "gpt-4o-mini").getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.BATCH).build()).id();
                batchId = client.batches().create(BatchCreateParams.builder().inputFileId(file)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H).build()).id();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (client.batches().retrieve(batchId).requestCounts().orElseThrow().completed() < LINES / 5) {
                    assertThat(System.nanoTime()).as("the batch makes progress").isLessThan(deadline);
                    Thread.sleep(20);
                }
                first.kill();
                client.close();
            }
            long bookedAtKill = okRows(db).size();
            assertThat(bookedAtKill).as("killed mid-run").isBetween(1L, (long) LINES - 1);

            try (ServeProcess second = ServeProcess.start(dir, "second", yaml, Map.of("BURSAR_MASTER_KEY", "bm-k9"))) {
                OpenAIClient client = client(second);
                Batch done = null;
                long deadline = System.nanoTime() + 90_000_000_000L;
                while (System.nanoTime() < deadline) {
                    done = client.batches().retrieve(batchId);
                    if (done.status().equals(Batch.Status.COMPLETED)) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
                assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(LINES);
                Set<String> customIds = new HashSet<>();
                try (HttpResponse r = client.files().content(done.outputFileId().orElseThrow()); InputStream in = r.body()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .forEach(l -> customIds.add(BatchSdkTest.parse(l).path("custom_id").asText()));
                }
                assertThat(customIds).hasSize(LINES);
                client.close();
            }

            List<Row> rows = okRows(db);
            assertThat(rows).as("one answered row per line").hasSize(LINES);
            assertThat(rows.stream().map(Row::requestId).distinct().count()).as("no line booked twice").isEqualTo(LINES);
            CostCalculator catalog = new CostCalculator(PriceCatalog.bundled());
            BigDecimal booked = BigDecimal.ZERO;
            BigDecimal half = BigDecimal.ZERO;
            for (Row r : rows) {
                booked = booked.add(r.cost());
                half = half.add(catalog.cost("gpt-4o-mini", new Usage(r.in(), 0, 0, 0, r.out(), 0), r.at(), false).totalUsd()
                        .divide(BigDecimal.TWO, 12, RoundingMode.UNNECESSARY));
            }
            assertThat(booked).as("the ledger's sum is half the synchronous price of the same tokens").isEqualByComparingTo(half);
        } finally {
            TempDirs.delete(dir);
        }
    }

    record Row(String requestId, long in, long out, BigDecimal cost, Instant at) {
    }

    /** The answered batch rows, read from the SQLite file (cost in integer picodollars there). */
    static List<Row> okRows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT request_id, input_tokens, output_tokens, cost, ts_micros FROM usage_events"
                     + " WHERE status = 'ok' AND is_batch = 1")) {
            List<Row> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        BigDecimal.valueOf(rs.getLong(4), 12), Instant.EPOCH.plusNanos(rs.getLong(5) * 1000)));
            }
            return out;
        }
    }

    static OpenAIClient client(ServeProcess p) {
        return OpenAIOkHttpClient.builder().baseUrl(p.baseUrl() + "/v1").apiKey("batch-key").maxRetries(0).build();
    }

}
