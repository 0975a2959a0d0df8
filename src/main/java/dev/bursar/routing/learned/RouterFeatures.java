package dev.bursar.routing.learned;

/**
 * What the router's regression reads of a prompt: its sentence embedding (all-MiniLM-L6-v2, 384 dimensions, unit
 * length) and the log of its length. Length alone already ranks GSM8K's problems by difficulty better than chance;
 * the embedding carries the domain (maths, code, open writing) that decides most of the quality gap.
 */
public final class RouterFeatures {

    /** Embedding dimensions plus one length feature. */
    public static final int SIZE = 385;

    private RouterFeatures() {
    }

    public static double[] of(float[] embedding, int chars) {
        double[] x = new double[SIZE];
        for (int i = 0; i < embedding.length; i++) {
            x[i] = embedding[i];
        }
        x[SIZE - 1] = lengthFeature(chars);
        return x;
    }

    /** log(1 + chars) / 8: about 0.5 to 1.2 for real prompts, the scale of an embedding's largest components. */
    static double lengthFeature(int chars) {
        return Math.log1p(chars) / 8;
    }
}
