package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a finished batch's part file into its output file (answered lines) and error file (failed, refused and
 * expired lines). A line run twice (its first run was cut by a kill before it was booked) has two results; only the
 * last counts. Two passes over the part file, so memory is one int per line, never the results themselves.
 */
final class ResultFiles {

    record Written(String outputFileId, String errorFileId, BatchRecord.Counts counts) {
    }

    private ResultFiles() {
    }

    static String outputId(String batchId) {
        return "file-" + batchId.substring(batchId.indexOf('_') + 1) + "-output";
    }

    static String errorId(String batchId) {
        return "file-" + batchId.substring(batchId.indexOf('_') + 1) + "-errors";
    }

    static Written write(Path part, BatchRecord batch, BatchFiles files) {
        // Pass 1: the sequence number of each line's last result, and the booked totals.
        Map<Integer, Integer> last = new HashMap<>();
        int[] seq = {0};
        long[] tokens = {0, 0};
        BigDecimal[] money = {BigDecimal.ZERO, BigDecimal.ZERO};
        PartFile.read(part, r -> {
            int n = seq[0]++;
            if (r.has("i")) {
                last.put(r.get("i").asInt(), n);
            } else if (r.has("b")) {
                tokens[0] += r.path("in").asLong();
                tokens[1] += r.path("out").asLong();
                money[0] = money[0].add(new BigDecimal(r.path("c").asText("0")));
                money[1] = money[1].add(new BigDecimal(r.path("s").asText("0")));
            }
        });
        String outId = outputId(batch.id());
        String errId = errorId(batch.id());
        int[] okFail = {0, 0};
        try (BufferedWriter out = Files.newBufferedWriter(files.path(outId), StandardCharsets.UTF_8);
             BufferedWriter err = Files.newBufferedWriter(files.path(errId), StandardCharsets.UTF_8)) {
            int[] pass = {0};
            PartFile.read(part, r -> {
                int n = pass[0]++;
                if (!r.has("i") || last.get(r.get("i").asInt()) != n) {
                    return;
                }
                boolean ok = r.path("ok").asBoolean();
                JsonNode line = r.get("line");
                try {
                    (ok ? out : err).write(line.toString());
                    (ok ? out : err).write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                okFail[ok ? 0 : 1]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String owner = Owners.fromJson(batch.owner()).keyId();
        String outputFile = null;
        String errorFile = null;
        if (okFail[0] > 0) {
            outputFile = files.register(outId, "batch_output", batch.id() + "_output.jsonl", owner).id();
        } else {
            BatchFiles.deleteQuietly(files.path(outId));
        }
        if (okFail[1] > 0) {
            errorFile = files.register(errId, "batch_output", batch.id() + "_error.jsonl", owner).id();
        } else {
            BatchFiles.deleteQuietly(files.path(errId));
        }
        BatchRecord.Counts counts = new BatchRecord.Counts(batch.counts().total(), okFail[0], okFail[1], tokens[0],
                tokens[1], money[0], money[1]);
        return new Written(outputFile, errorFile, counts);
    }
}
