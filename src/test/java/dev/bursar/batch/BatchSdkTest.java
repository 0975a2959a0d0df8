package dev.bursar.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK's Files and Batches calls against a running Bursar, batches run locally on the sim. */
class BatchSdkTest {

    static final String CONFIG = """
            providers:
              - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 0, seed: 7 } }
            keys:
              - { key: batch-key, customer: acme }
              - { key: other-key, customer: globex }
            batch: { concurrency: 16 }
            """;

    RunningBursar bursar;
    OpenAIClient client;

    void start(String yaml) {
        bursar = RunningBursar.start(yaml);
        client = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("batch-key").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (bursar != null) {
            bursar.close();
        }
    }

    static String lines(int n, String model) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"custom_id\":\"req-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",")
                    .append("\"body\":{\"model\":\"").append(model).append("\",\"max_tokens\":40,\"messages\":[{\"role\":\"user\",")
                    .append("\"content\":\"Summarise ticket number ").append(i).append(" in one line.\"}],")
                    .append("\"metadata\":{\"feature\":\"").append(i % 2 == 0 ? "even" : "odd").append("\"}}}\n");
        }
        return b.toString();
    }

    Batch createBatch(String jsonl, String feature) {
        FileObject file = client.files().create(FileCreateParams.builder()
                .file(jsonl.getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
        assertThat(file.bytes()).isEqualTo(jsonl.getBytes(StandardCharsets.UTF_8).length);
        BatchCreateParams.Builder p = BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H);
        if (feature != null) {
            p.metadata(BatchCreateParams.Metadata.builder().putAdditionalProperty("team", com.openai.core.JsonValue.from(feature))
                    .build());
        }
        return client.batches().create(p.build());
    }

    Batch await(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Batch b = client.batches().retrieve(id);
            if (List.of(Batch.Status.COMPLETED, Batch.Status.FAILED, Batch.Status.CANCELLED, Batch.Status.EXPIRED)
                    .contains(b.status())) {
                return b;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("batch " + id + " did not finish: " + bursar.get("/v1/batches/" + id,
                "Authorization", "Bearer batch-key").body());
    }

    List<JsonNode> content(String fileId) {
        try (HttpResponse r = client.files().content(fileId); InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(BatchSdkTest::parse).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode parse(String line) {
        try {
            return Golden.JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_batch_runs_every_line_once_at_half_the_synchronous_price_and_downloads_book_nothing() {
        start(CONFIG);
        Batch created = createBatch(lines(300, "gpt-4o-mini"), "platform");
        assertThat(created.status()).isIn(Batch.Status.VALIDATING, Batch.Status.IN_PROGRESS);
        assertThat(created.requestCounts().orElseThrow().total()).isEqualTo(300);

        Batch done = await(created.id());

        assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(300);
        assertThat(done.requestCounts().orElseThrow().failed()).isZero();
        assertThat(done.errorFileId()).isEmpty();
        List<JsonNode> output = content(done.outputFileId().orElseThrow());
        assertThat(output).hasSize(300);
        Set<String> ids = new HashSet<>();
        output.forEach(l -> {
            ids.add(l.path("custom_id").asText());
            assertThat(l.path("response").path("status_code").asInt()).isEqualTo(200);
            assertThat(l.path("response").path("body").path("choices").get(0).path("message").path("content").asText())
                    .isNotBlank();
            assertThat(l.path("error").isNull()).isTrue();
        });
        assertThat(ids).hasSize(300).contains("req-0", "req-299");

        List<JsonNode> rows = bursar.ledgerRows();
        assertThat(rows).hasSize(300);
        CostCalculator catalog = new CostCalculator(PriceCatalog.bundled());
        BigDecimal booked = BigDecimal.ZERO;
        BigDecimal synchronous = BigDecimal.ZERO;
        BigDecimal saved = BigDecimal.ZERO;
        long input = 0;
        for (JsonNode r : rows) {
            assertThat(r.path("batch").asBoolean()).isTrue();
            assertThat(r.path("customer").asText()).isEqualTo("acme");
            assertThat(r.path("team").asText()).as("the batch's metadata tags").isEqualTo("platform");
            assertThat(r.path("feature").asText()).as("each line's own metadata").isIn("even", "odd");
            Usage u = new Usage(r.path("input_tokens").asLong(), 0, 0, 0, r.path("output_tokens").asLong(), 0);
            synchronous = synchronous.add(catalog.cost("gpt-4o-mini", u, Instant.parse(r.path("time").asText()), false).totalUsd());
            booked = booked.add(new BigDecimal(r.path("cost_usd").asText()));
            saved = saved.add(new BigDecimal(r.path("saved_usd").asText()));
            input += r.path("input_tokens").asLong();
        }
        assertThat(booked).isPositive();
        assertThat(booked.multiply(BigDecimal.TWO)).as("exactly half the synchronous price").isEqualByComparingTo(synchronous);
        assertThat(saved).isEqualByComparingTo(synchronous.subtract(booked));
        assertThat(done.usage().orElseThrow().inputTokens()).isEqualTo(input);

        for (int i = 0; i < 3; i++) {
            assertThat(content(done.outputFileId().orElseThrow())).hasSize(300);
        }
        assertThat(bursar.ledgerCount()).as("downloads book nothing").isEqualTo(300);
        Batch again = client.batches().retrieve(done.id());
        assertThat(again.requestCounts().orElseThrow().completed()).isEqualTo(300);

        String shown = cli("show", done.id());
        assertThat(shown).contains("status:            completed", "total 300, completed 300, failed 0",
                "cost_usd:          " + booked.toPlainString(), "saved_usd:         " + saved.toPlainString());
        assertThat(cli("list")).contains(done.id());
    }

    /** {@code bursar batches <args> --config <a file naming this gateway's database>}, its output. */
    String cli(String... args) {
        try {
            java.nio.file.Path yaml = bursar.dir().resolve("cli.yaml");
            java.nio.file.Files.writeString(yaml, "storage: { sqlite: \"" + bursar.dir().resolve("bursar.db") + "\" }\n");
            java.io.StringWriter out = new java.io.StringWriter();
            picocli.CommandLine cl = new picocli.CommandLine(new dev.bursar.cli.Main());
            cl.setOut(new java.io.PrintWriter(out));
            java.util.List<String> all = new java.util.ArrayList<>(List.of("batches"));
            all.addAll(List.of(args));
            all.addAll(List.of("--config", yaml.toString()));
            assertThat(cl.execute(all.toArray(String[]::new))).isZero();
            return out.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_line_whose_model_is_unknown_lands_in_the_error_file_and_the_rest_complete() {
        start(CONFIG);
        String jsonl = lines(5, "gpt-4o-mini") + lines(1, "no-such-model").replace("req-0", "bad-0");

        Batch done = await(createBatch(jsonl, null).id());

        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(5);
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(1);
        List<JsonNode> errors = content(done.errorFileId().orElseThrow());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("custom_id").asText()).isEqualTo("bad-0");
        assertThat(errors.get(0).path("response").path("status_code").asInt()).isEqualTo(404);
        assertThat(errors.get(0).path("response").path("body").path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void a_file_with_bad_lines_makes_a_failed_batch_naming_each_line() {
        start(CONFIG);
        String jsonl = lines(2, "gpt-4o-mini") + "not json\n" + lines(1, "gpt-4o-mini");

        Batch b = createBatch(jsonl, null);

        assertThat(b.status()).isEqualTo(Batch.Status.FAILED);
        assertThat(b.errors().orElseThrow().data().orElseThrow()).extracting(e -> e.line().orElseThrow())
                .containsExactly(3L, 4L);
        assertThat(bursar.ledgerCount()).isZero();
    }

    @Test
    void a_batch_whose_worst_case_does_not_fit_its_budget_is_refused_at_creation_with_the_calls_error() {
        start(CONFIG + """
                budgets:
                  - { name: acme-day, scope: customer, match: acme, window: day, limit-usd: "0.001" }
                """);
        // 40 output tokens at $0.60/M is $0.000024 a line, plus the prompt: 100 lines need more than $0.001.
        OpenAIServiceException refused = catchThrowableOfType(OpenAIServiceException.class,
                () -> createBatch(lines(100, "gpt-4o-mini"), null));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getMessage()).contains("acme-day");
        assertThat(bursar.ledgerCount()).isZero();
        // The refused batch holds nothing: a batch that fits still runs, and its lines never pass the budget.
        Batch fits = await(createBatch(lines(10, "gpt-4o-mini"), null).id());
        assertThat(fits.requestCounts().orElseThrow().completed()).isEqualTo(10);
    }

    @Test
    void a_cancelled_batch_ends_cancelled_and_list_pages_newest_first() {
        start(CONFIG);
        Batch first = await(createBatch(lines(3, "gpt-4o-mini"), null).id());
        Batch second = await(createBatch(lines(3, "gpt-4o-mini"), null).id());

        var page = client.batches().list(com.openai.models.batches.BatchListParams.builder().limit(1).build());
        assertThat(page.data()).extracting(Batch::id).containsExactly(second.id());
        assertThat(page.hasNextPage()).isTrue();

        OpenAIServiceException notCancellable = catchThrowableOfType(OpenAIServiceException.class,
                () -> client.batches().cancel(first.id()));
        assertThat(notCancellable.statusCode()).isEqualTo(409);
    }

    @Test
    void a_batch_cancelled_while_it_runs_ends_cancelled_with_its_finished_lines_kept_and_booked_once() {
        start(CONFIG.replace("ttft-millis: 0", "ttft-millis: 40").replace("concurrency: 16", "concurrency: 2"));
        Batch running = createBatch(lines(200, "gpt-4o-mini"), null);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (client.batches().retrieve(running.id()).requestCounts().orElseThrow().completed() < 5) {
            assertThat(System.nanoTime()).isLessThan(deadline);
        }

        Batch cancelling = client.batches().cancel(running.id());
        Batch done = await(running.id());

        assertThat(cancelling.status()).isIn(Batch.Status.CANCELLING, Batch.Status.CANCELLED);
        assertThat(done.status()).isEqualTo(Batch.Status.CANCELLED);
        assertThat(done.cancelledAt()).isPresent();
        long completed = done.requestCounts().orElseThrow().completed();
        assertThat(completed).isBetween(5L, 199L);
        assertThat(content(done.outputFileId().orElseThrow())).hasSize((int) completed);
        assertThat(bursar.ledgerCount()).as("every finished line booked once, nothing for the rest").isEqualTo(completed);
    }

    @Test
    void another_key_sees_neither_the_batch_nor_its_files() {
        start(CONFIG);
        Batch done = await(createBatch(lines(2, "gpt-4o-mini"), null).id());
        OpenAIClient other = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("other-key")
                .maxRetries(0).build();
        try {
            assertThat(catchThrowableOfType(OpenAIServiceException.class, () -> other.batches().retrieve(done.id()))
                    .statusCode()).isEqualTo(404);
            assertThat(catchThrowableOfType(OpenAIServiceException.class,
                    () -> other.files().content(done.outputFileId().orElseThrow())).statusCode()).isEqualTo(404);
            assertThat(catchThrowableOfType(OpenAIServiceException.class,
                    () -> other.batches().create(BatchCreateParams.builder().inputFileId(done.inputFileId())
                            .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                            .completionWindow(BatchCreateParams.CompletionWindow._24H).build())).statusCode()).isEqualTo(400);
            assertThat(other.batches().list().data()).isEmpty();
        } finally {
            other.close();
        }
        assertThat(content(done.outputFileId().orElseThrow())).hasSize(2);
    }
}
