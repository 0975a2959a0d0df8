package dev.bursar.cache.semantic;

/** Small vector arithmetic on unit vectors. */
final class Vectors {

    private Vectors() {
    }

    /** The dot product: the cosine similarity of two unit vectors. */
    static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
