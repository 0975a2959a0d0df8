package dev.bursar.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared evaluation data sets as labelled pairs: the Quora duplicate pairs split in two halves by a hash of the
 * pair (calibration / held out), MRPC's test file, STS-B's test file (score >= 4.0 is "same"). Used by the tests and
 * by {@link SemanticEvalTool}, which writes them as TSV files for {@code bursar cache eval}.
 */
final class EvalData {

    private EvalData() {
    }

    static final String QUORA = "data/gptcache-benchmark/similiar_qqp_full.json";
    static final String MRPC = "data/mrpc/msr_paraphrase_test.txt";
    static final String STSB = "data/sts-benchmark/sts-test.csv";
    static final String MEANCACHE = "data/meancache-contextual/new_claude.json";
    static final double STSB_SAME = 4.0;

    /** The Quora pairs whose hash puts them in the calibration half (or, with {@code false}, the held-out half). */
    static List<LabelledPair> quora(Path file, boolean calibrationHalf) throws IOException {
        List<LabelledPair> pairs = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(file.toFile())) {
            LabelledPair p = new LabelledPair(clean(row.path("text_a").asText()), clean(row.path("text_b").asText()),
                    row.path("label").asInt() == 1);
            if (inCalibrationHalf(p) == calibrationHalf) {
                pairs.add(p);
            }
        }
        return pairs;
    }

    /** Deterministic: the first byte of SHA-256 over "text_a TAB text_b", even means calibration. */
    static boolean inCalibrationHalf(LabelledPair p) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((p.a() + "\t" + p.b()).getBytes(StandardCharsets.UTF_8));
            return (d[0] & 1) == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<LabelledPair> mrpc(Path file) throws IOException {
        List<LabelledPair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length >= 5) {
                pairs.add(new LabelledPair(clean(f[3]), clean(f[4]), f[0].strip().equals("1")));
            }
        }
        return pairs;
    }

    static List<LabelledPair> stsb(Path file) throws IOException {
        List<LabelledPair> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 7) {
                pairs.add(new LabelledPair(clean(f[5]), clean(f[6]), Double.parseDouble(f[4]) >= STSB_SAME));
            }
        }
        return pairs;
    }

    /** One conversation of MeanCache's contextual set. */
    record Conversation(String u0, String u0Duplicate, String answer0, String u1, String u1Duplicate) {
    }

    static List<Conversation> meanCache(Path file) throws IOException {
        List<Conversation> out = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(file.toFile())) {
            out.add(new Conversation(c.path("u0").asText(), c.path("u0_duplicate").asText(), c.path("system_q0").asText(),
                    c.path("u1").asText(), c.path("u1_duplicate").asText()));
        }
        return out;
    }

    static void writeTsv(List<LabelledPair> pairs, Path file) throws IOException {
        StringBuilder out = new StringBuilder("text_a\ttext_b\tlabel\n");
        for (LabelledPair p : pairs) {
            out.append(p.a()).append('\t').append(p.b()).append('\t').append(p.duplicate() ? 1 : 0).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private static String clean(String s) {
        String c = s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').replace("\uFEFF", "").strip();
        return c.isEmpty() ? "?" : c;
    }
}
