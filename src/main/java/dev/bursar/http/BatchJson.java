package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.batch.BatchRecord;
import dev.bursar.batch.FileObject;
import java.io.IOException;

/** OpenAI's file and batch objects, from what the batch package stores. */
final class BatchJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchJson() {
    }

    static ObjectNode file(FileObject f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", f.id());
        o.put("object", "file");
        o.put("bytes", f.bytes());
        o.put("created_at", f.createdAt());
        o.put("filename", f.filename());
        o.put("purpose", f.purpose());
        o.put("status", "processed");
        o.putNull("expires_at");
        o.putNull("status_details");
        return o;
    }

    static ObjectNode batch(BatchRecord b) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", b.id());
        o.put("object", "batch");
        o.put("endpoint", b.endpoint());
        if (b.errors() == null) {
            o.putNull("errors");
        } else {
            o.set("errors", parse(b.errors()));
        }
        o.put("input_file_id", b.inputFileId());
        o.put("completion_window", b.completionWindow());
        o.put("status", b.status().label());
        o.put("output_file_id", b.outputFileId());
        o.put("error_file_id", b.errorFileId());
        BatchRecord.Times t = b.times();
        o.put("created_at", t.createdAt());
        time(o, "in_progress_at", t.inProgressAt());
        o.put("expires_at", t.expiresAt());
        time(o, "finalizing_at", t.finalizingAt());
        time(o, "completed_at", t.completedAt());
        time(o, "failed_at", t.failedAt());
        time(o, "expired_at", t.expiredAt());
        time(o, "cancelling_at", t.cancellingAt());
        time(o, "cancelled_at", t.cancelledAt());
        BatchRecord.Counts n = b.counts();
        o.putObject("request_counts").put("total", n.total()).put("completed", n.completed()).put("failed", n.failed());
        ObjectNode usage = o.putObject("usage");
        usage.put("input_tokens", n.inputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", n.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", n.inputTokens() + n.outputTokens());
        if (b.metadata() == null) {
            o.putNull("metadata");
        } else {
            o.set("metadata", parse(b.metadata()));
        }
        // Bursar's own: what the booked lines cost at the batch price, and what they saved against the synchronous one.
        o.putObject("bursar").put("cost_usd", n.costUsd().toPlainString()).put("saved_usd", n.savedUsd().toPlainString());
        return o;
    }

    private static void time(ObjectNode o, String field, long epochSeconds) {
        if (epochSeconds == 0) {
            o.putNull(field);
        } else {
            o.put(field, epochSeconds);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
