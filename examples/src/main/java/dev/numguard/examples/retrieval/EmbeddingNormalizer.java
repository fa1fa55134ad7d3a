package dev.numguard.examples.retrieval;

/**
 * Unit-length embeddings for similarity search: each vector is scaled to Euclidean length 1, so
 * that the cosine similarity of two embeddings is the dot product of their normalised forms.
 */
public final class EmbeddingNormalizer {

    private EmbeddingNormalizer() {
    }

    /**
     * The embedding scaled to unit length.
     *
     * @param embedding the vector; not changed
     * @return a new vector of length 1 in the direction of {@code embedding}
     */
    public static float[] normalize(float[] embedding) {
        double sumSquare = 0;
        for (float value : embedding) {
            sumSquare += (double) value * value;
        }
        float norm = (float) Math.sqrt(sumSquare);
        float[] unit = new float[embedding.length];
        for (int i = 0; i < embedding.length; i++) {
            unit[i] = embedding[i] / norm;
        }
        return unit;
    }

    /**
     * The cosine similarity of two embeddings of the same dimension.
     *
     * @return a value in [-1, 1]
     */
    public static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
        }
        float[] x = normalize(a);
        float[] y = normalize(b);
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
        }
        return dot;
    }
}
