package dev.bursar.tiers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Money;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --answers FILE}: every answer of the eval as JSONL, so a failure can be read, not only counted. One line per
 * candidate and prompt, in the report's order: {@code model, id, category, tags, answer, judge_reply, score, passed,
 * error, cost_usd, judge_cost_usd} (a field that does not apply is {@code null}).
 */
public final class AnswersFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswersFile() {
    }

    public static void write(Path file, List<PromptResult> results) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (PromptResult r : results) {
                out.write(line(r).toString());
                out.write('\n');
            }
        }
    }

    static ObjectNode line(PromptResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", r.model());
        o.put("id", r.line().id());
        o.put("category", r.line().category());
        var tags = o.putArray("tags");
        r.line().tags().forEach(tags::add);
        o.put("answer", r.answer().orElse(null));
        o.put("judge_reply", r.judgeReply().orElse(null));
        switch (r.outcome()) {
            case PromptResult.Scored s -> {
                o.put("score", s.score());
                o.put("passed", s.passed());
                o.putNull("error");
            }
            case PromptResult.Error e -> {
                o.putNull("score");
                o.putNull("passed");
                o.put("error", e.message());
            }
        }
        o.put("cost_usd", Money.plain(r.costUsd()));
        o.put("judge_cost_usd", Money.plain(r.judgeCostUsd()));
        return o;
    }
}
