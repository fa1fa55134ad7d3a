package dev.numguard.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.rules.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL and ND4J forms of {@code NaiveSoftmax}: {@code e.div(e.sum())} on whole arrays. They cannot
 * be compiled fixtures (the frameworks are not dependencies), so they are analysed without a
 * classpath here, as a user without one would.
 */
class ArraySoftmaxFrameworksTest {
    /** Three unshifted DJL softmaxes: in one expression, through locals, masked and broadcast. */
    private static final String DJL_SOFTMAXES = """
            import ai.djl.ndarray.NDArray;

            class DjlSoftmax {
                NDArray inline(NDArray raw) {
                    return raw.exp().div(raw.exp().sum(new int[] {0}, true));
                }

                NDArray throughLocals(NDArray logits) {
                    NDArray exp = logits.exp();
                    NDArray sum = exp.sum();
                    return exp.div(sum);
                }

                NDArray masked(NDArray input, NDArray mask) {
                    NDArray expSum = input.exp().mul(mask).sum(new int[] {-1}, true).broadcast(input.getShape());
                    return input.exp().mul(mask).div(expSum);
                }
            }
            """;

    @TempDir
    Path dir;

    private List<Finding> analyse(String name, String text) throws IOException {
        return WithoutClasspath.findings(dir, "NaiveSoftmax", name, text);
    }

    @Test
    void flagsDjlSoftmaxInOneExpressionAndThroughLocals() throws IOException {
        List<Finding> findings = analyse("DjlSoftmax.java", DJL_SOFTMAXES);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(5, 11, 16);
        assertThat(findings.get(0).message()).contains("709.78").contains("NaN");
    }

    @Test
    void shiftsEveryExpOfTheNumeratorAndTheSumByTheArraysMaximum() throws IOException {
        List<Finding> findings = analyse("DjlSoftmax.java", DJL_SOFTMAXES);
        FixPlan plan = new FixPlanner().plan(DJL_SOFTMAXES, findings);

        assertThat(findings).extracting(f -> f.fix().isPresent()).containsExactly(true, true, true);
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.fixed())
                .contains("return raw.sub(raw.max()).exp().div(raw.sub(raw.max()).exp().sum(new int[] {0}, true));")
                .contains("NDArray exp = logits.sub(logits.max()).exp();")
                .contains("NDArray expSum = input.sub(input.max()).exp().mul(mask)")
                .contains("return input.sub(input.max()).exp().mul(mask).div(expSum);");
        assertThat(analyse("DjlSoftmaxFixed.java", plan.fixed().replace("class DjlSoftmax ", "class DjlSoftmaxFixed ")))
                .as("a second run").isEmpty();
    }

    @Test
    void flagsNd4jTransformsSoftmax() throws IOException {
        List<Finding> findings = analyse("Nd4jSoftmax.java", """
                import org.nd4j.linalg.api.ndarray.INDArray;
                import org.nd4j.linalg.ops.transforms.Transforms;

                class Nd4jSoftmax {
                    INDArray activate(INDArray z) {
                        INDArray e = Transforms.exp(z);
                        return e.div(e.sumNumber());
                    }
                }
                """);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(7);
        assertThat(findings.get(0).fix()).as("only x.exp() on a variable is rewritten").isEmpty();
    }

    @Test
    void leavesShiftedAndUnrelatedDivisionsAlone() throws IOException {
        List<Finding> findings = analyse("StableArrays.java", """
                import ai.djl.ndarray.NDArray;

                class StableArrays {
                    NDArray shifted(NDArray logits) {
                        NDArray exp = logits.sub(logits.max(new int[] {-1}, true)).exp();
                        return exp.div(exp.sum(new int[] {-1}, true));
                    }

                    NDArray otherSum(NDArray logits, NDArray weights) {
                        return logits.exp().div(weights.exp().sum());
                    }

                    NDArray normalised(NDArray counts) {
                        return counts.div(counts.sum());
                    }
                }
                """);
        assertThat(findings).isEmpty();
    }
}
