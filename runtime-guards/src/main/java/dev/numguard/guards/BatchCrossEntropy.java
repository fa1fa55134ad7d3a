package dev.numguard.guards;

import java.util.Objects;

/**
 * The batch cross-entropy behind {@link StableMath#crossEntropy(double[][], int[], CrossEntropyOptions)}:
 * validates the batch, computes each sample's negative log-likelihood and label-smoothing term once,
 * and reduces them the way {@code torch.nn.functional.cross_entropy} does.
 */
final class BatchCrossEntropy {

    /** Per-sample terms; {@code smooth} is null when there is no label smoothing. */
    private final double[] nll;
    private final double[] smooth;
    /** The class weight of each sample's target, or 0 for ignored samples (the MEAN denominator). */
    private final double[] countWeight;
    private final int classes;

    private BatchCrossEntropy(double[] nll, double[] smooth, double[] countWeight, int classes) {
        this.nll = nll;
        this.smooth = smooth;
        this.countWeight = countWeight;
        this.classes = classes;
    }

    static BatchCrossEntropy of(double[][] logits, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(logits, "logits");
        int classes = validate(logits.length, logits.length == 0 ? -1 : rowLength(logits[0], 0),
                targets, options);
        Terms terms = new Terms(logits.length, options, classes);
        for (int n = 0; n < logits.length; n++) {
            double[] row = logits[n];
            checkRow(row == null ? -1 : row.length, n, classes);
            terms.add(n, row, targets[n]);
        }
        return terms.build();
    }

    static BatchCrossEntropy of(float[][] logits, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(logits, "logits");
        int classes = validate(logits.length, logits.length == 0 ? -1 : rowLength(logits[0], 0),
                targets, options);
        Terms terms = new Terms(logits.length, options, classes);
        double[] scratch = new double[Math.max(classes, 0)];
        for (int n = 0; n < logits.length; n++) {
            float[] row = logits[n];
            checkRow(row == null ? -1 : row.length, n, classes);
            for (int c = 0; c < classes; c++) {
                scratch[c] = row[c];
            }
            terms.add(n, scratch, targets[n]);
        }
        return terms.build();
    }

    private static int rowLength(Object row, int index) {
        Objects.requireNonNull(row, () -> "logits[" + index + "]");
        return row instanceof double[] ? ((double[]) row).length : ((float[]) row).length;
    }

    private static int validate(int rows, int classes, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(options, "options");
        if (targets.length != rows) {
            throw new IllegalArgumentException(
                    "expected one target per row: " + rows + " rows, " + targets.length + " targets");
        }
        double[] weights = options.classWeightsView();
        if (weights != null && rows > 0 && weights.length != classes) {
            throw new IllegalArgumentException(
                    "classWeights must have one entry per class: " + classes + " classes, "
                            + weights.length + " weights");
        }
        if (rows == 0) {
            return weights == null ? 0 : weights.length;
        }
        return classes;
    }

    private static void checkRow(int length, int index, int classes) {
        if (length < 0) {
            throw new NullPointerException("logits[" + index + "]");
        }
        if (length != classes) {
            throw new IllegalArgumentException("all rows must have " + classes + " classes, but logits["
                    + index + "] has " + length);
        }
    }

    /** Accumulates the per-sample terms while rows are read. */
    private static final class Terms {
        private final double[] nll;
        private final double[] smooth;
        private final double[] countWeight;
        private final double[] weights;
        private final int ignoreIndex;
        private final int classes;

        Terms(int rows, CrossEntropyOptions options, int classes) {
            this.nll = new double[rows];
            this.smooth = options.labelSmoothing() > 0.0 ? new double[rows] : null;
            this.countWeight = new double[rows];
            this.weights = options.classWeightsView();
            this.ignoreIndex = options.ignoreIndex();
            this.classes = classes;
        }

        void add(int n, double[] row, int target) {
            if (target == ignoreIndex) {
                return; // nll, smooth and weight stay 0, as PyTorch masks them
            }
            if (target < 0 || target >= classes) {
                throw new IndexOutOfBoundsException("target " + target + " of sample " + n
                        + " is out of range for " + classes + " classes (ignoreIndex is "
                        + ignoreIndex + ")");
            }
            double targetWeight = weights == null ? 1.0 : weights[target];
            countWeight[n] = targetWeight;
            int k = StableMath.argMax(row, 0, classes);
            double max = row[k];
            double logSum = Double.isFinite(max)
                    ? Math.log1p(StableMath.sumExpShifted(row, 0, k, max)
                            + StableMath.sumExpShifted(row, k + 1, classes, max))
                    : Double.NaN; // log-softmax of such a row is NaN everywhere
            // −w·logp[t] with −logp[t] = (max − x_t) + logSum, two non-negative parts
            nll[n] = targetWeight * ((max - row[target]) + logSum);
            if (smooth != null) {
                double s = 0.0;
                double c = 0.0;
                for (int j = 0; j < classes; j++) {
                    double w = weights == null ? 1.0 : weights[j];
                    double term = w * ((max - row[j]) + logSum);
                    double t = s + term;
                    double tt = t - s;
                    c += (s - (t - tt)) + (term - tt);
                    s = t;
                }
                smooth[n] = Double.isFinite(s) ? s + c : s;
            }
        }

        BatchCrossEntropy build() {
            return new BatchCrossEntropy(nll, smooth, countWeight, classes);
        }
    }

    static double reduce(BatchCrossEntropy batch, CrossEntropyOptions options) {
        double epsilon = options.labelSmoothing();
        double nllSum = Summation.sum(batch.nll);
        double smoothSum = batch.smooth == null ? 0.0 : Summation.sum(batch.smooth);
        if (options.reduction() == Reduction.MEAN) {
            double denominator = Summation.sum(batch.countWeight);
            nllSum /= denominator;
            smoothSum /= denominator;
        }
        if (batch.smooth == null) {
            return nllSum;
        }
        double smoothing = batch.classes == 0 ? 0.0 : (epsilon / batch.classes) * smoothSum;
        return (1.0 - epsilon) * nllSum + smoothing;
    }

    static double[] perSample(BatchCrossEntropy batch, CrossEntropyOptions options) {
        if (batch.smooth == null) {
            return batch.nll;
        }
        double epsilon = options.labelSmoothing();
        double[] losses = new double[batch.nll.length];
        for (int n = 0; n < losses.length; n++) {
            losses[n] = (1.0 - epsilon) * batch.nll[n] + (epsilon / batch.classes) * batch.smooth[n];
        }
        return losses;
    }
}
