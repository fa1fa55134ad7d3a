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
 * DL4J and DJL forms of {@code UnscaledHalfBackward}. They cannot be compiled fixtures (the
 * frameworks are not dependencies), so they are analysed without a classpath here.
 */
class UnscaledHalfBackwardFrameworksTest {
    @TempDir
    Path dir;

    private List<Finding> analyse(String name, String text) throws IOException {
        return WithoutClasspath.findings(dir, "UnscaledHalfBackward", name, text);
    }

    @Test
    void flagsDjlFloat16WithGradientCollectorBackward() throws IOException {
        List<Finding> findings = analyse("DjlTrainer.java", """
                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.types.DataType;
                import ai.djl.training.GradientCollector;

                class DjlTrainer {
                    void step(GradientCollector collector, NDArray weights, NDArray loss) {
                        NDArray half = weights.toType(DataType.FLOAT16, false);
                        collector.backward(loss);
                    }
                }
                """);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(7);
        assertThat(findings.get(0).message()).contains("6e-8");
        assertThat(findings.get(0).fix()).isPresent();
    }

    @Test
    void flagsDl4jHalfTraining() throws IOException {
        List<Finding> findings = analyse("Dl4jTrainer.java", """
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.dataset.DataSet;

                class Dl4jTrainer {
                    void train(MultiLayerNetwork network, DataSet data) {
                        network.convertDataType(DataType.HALF).fit(data);
                    }
                }
                """);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(7);
    }

    @Test
    void leavesHalfInferenceAlone() throws IOException {
        List<Finding> findings = analyse("DjlInference.java", """
                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.types.DataType;

                class DjlInference {
                    NDArray predict(NDArray input) {
                        return input.toType(DataType.FLOAT16, false);
                    }
                }
                """);
        assertThat(findings).isEmpty();
    }

    @Test
    void reportsATrainingStepOnceHoweverManyHalfTokensItHas() throws IOException {
        List<Finding> findings = analyse("Dl4jMixed.java", """
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.dataset.DataSet;

                class Dl4jMixed {
                    void train(MultiLayerNetwork network, DataSet data) {
                        network.convertDataType(DataType.HALF);
                        data.getFeatures().castTo(DataType.HALF);
                        data.getLabels().castTo(DataType.HALF);
                        network.fit(data);
                    }

                    DataType inferenceType() {
                        return DataType.HALF;
                    }
                }
                """);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(7);
        assertThat(findings.get(0).message()).contains("network.fit(data)");
    }

    @Test
    void movesFrameworkTrainingToFp32WithEveryHalfTypeOfTheClass() throws IOException {
        String text = """
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.dataset.DataSet;

                class Dl4jMixed {
                    void train(MultiLayerNetwork network, DataSet data) {
                        network.convertDataType(DataType.HALF);
                        data.getFeatures().castTo(DataType.FLOAT16);
                        network.fit(data);
                    }

                    DataType inferenceType() {
                        return DataType.HALF;
                    }
                }
                """;
        List<Finding> findings = analyse("Dl4jMixed.java", text);
        FixPlan plan = new FixPlanner().plan(text, findings);

        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.fixed()).contains("network.convertDataType(DataType.FLOAT);")
                .contains("castTo(DataType.FLOAT);").contains("return DataType.FLOAT;");
        assertThat(analyse("Dl4jMixed.java", plan.fixed())).as("a second run").isEmpty();
    }

    @Test
    void movesTheGlobalDefaultToFp32WhenTheTrainingMethodNamesNoType() throws IOException {
        String text = """
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.api.ndarray.INDArray;
                import org.nd4j.linalg.factory.Nd4j;

                class Dl4jDefaults {
                    private final MultiLayerNetwork network;

                    Dl4jDefaults(MultiLayerNetwork network) {
                        Nd4j.setDefaultDataTypes(DataType.INT8, DataType.FLOAT16);
                        this.network = network;
                    }

                    void fit(INDArray inputs, INDArray labels) {
                        network.fit(inputs, labels);
                    }
                }
                """;
        List<Finding> findings = analyse("Dl4jDefaults.java", text);

        assertThat(findings).hasSize(1);
        assertThat(new FixPlanner().plan(text, findings).fixed())
                .contains("Nd4j.setDefaultDataTypes(DataType.INT8, DataType.FLOAT);");
    }

    @Test
    void movesDjlTrainingToFloat32() throws IOException {
        String text = """
                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.types.DataType;
                import ai.djl.training.GradientCollector;

                class DjlTrainer {
                    void step(GradientCollector collector, NDArray weights, NDArray loss) {
                        NDArray half = weights.toType(DataType.FLOAT16, false);
                        collector.backward(loss);
                    }
                }
                """;
        List<Finding> findings = analyse("DjlTrainer.java", text);

        assertThat(new FixPlanner().plan(text, findings).fixed()).contains("weights.toType(DataType.FLOAT32, false);");
    }

    @Test
    void leavesDataTypeTestsAlone() throws IOException {
        List<Finding> findings = analyse("HalfDataTypeTest.java", """
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.dataset.DataSet;

                class HalfDataTypeTest {
                    void fitsInHalf(MultiLayerNetwork network, DataSet data) {
                        network.convertDataType(DataType.HALF).fit(data);
                        assert network.params().dataType() == DataType.HALF;
                    }
                }
                """);
        assertThat(findings).isEmpty();
    }

    @Test
    void leavesFloat32TrainingAlone() throws IOException {
        List<Finding> findings = analyse("Dl4jFloatTrainer.java", """
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.dataset.DataSet;

                class Dl4jFloatTrainer {
                    void train(MultiLayerNetwork network, DataSet data) {
                        network.convertDataType(DataType.FLOAT).fit(data);
                    }
                }
                """);
        assertThat(findings).isEmpty();
    }

    @Test
    void flagsAHandWrittenUpdaterStepInHalf() throws IOException {
        List<Finding> findings = analyse("Dl4jManualStep.java", """
                import org.deeplearning4j.nn.gradient.Gradient;
                import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.factory.Nd4j;

                class Dl4jManualStep {
                    void step(MultiLayerNetwork model, Gradient gradient, int iteration) {
                        Nd4j.setDefaultDataTypes(DataType.HALF, DataType.HALF);
                        model.getUpdater().update(gradient, iteration, 0, 32, null);
                        model.params().subi(gradient.gradient());
                    }
                }
                """);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(8);
        assertThat(findings.get(0).message()).contains("update(gradient");
    }

    private static final String HARNESS = """
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.nd4j.linalg.api.buffer.DataBuffer;
            import org.nd4j.linalg.api.buffer.util.DataTypeUtil;
            import org.nd4j.linalg.dataset.DataSet;

            class %s {
                public static void main(String[] args) {
                    DataTypeUtil.setDTypeForContext(DataBuffer.Type.%s);
                    Harness harness = new Harness(new NetworkHandle(null, null));
                    harness.%s(100);
                }
            }

            interface Handle {
                void fit();
                double score();
            }

            class NetworkHandle implements Handle {
                private final MultiLayerNetwork network;
                private final DataSet data;

                NetworkHandle(MultiLayerNetwork network, DataSet data) {
                    this.network = network;
                    this.data = data;
                }

                public void fit() {
                    network.fit(data);
                }

                public double score() {
                    return network.score(data);
                }
            }

            class Harness {
                private final Handle handle;

                Harness(Handle handle) {
                    this.handle = handle;
                }

                void startTraining(int steps) {
                    for (int i = 0; i < steps; i++) {
                        handle.fit();
                    }
                }

                double evaluate(int steps) {
                    return handle.score();
                }
            }
            """;

    @Test
    void flagsAGlobalHalfTypeSetBeforeHandingModelsToTrainingInAnotherClass() throws IOException {
        String text = HARNESS.formatted("HalfMain", "HALF", "startTraining");
        List<Finding> findings = analyse("HalfMain.java", text);
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(8);
        assertThat(findings.get(0).message()).contains("harness.startTraining(100)").contains("6e-8");
        assertThat(new FixPlanner().plan(text, findings).fixed()).contains("setDTypeForContext(DataBuffer.Type.FLOAT);");
    }

    @Test
    void leavesAGlobalHalfTypeForInferenceOrFloatTrainingAlone() throws IOException {
        assertThat(analyse("HalfEvaluation.java", HARNESS.formatted("HalfEvaluation", "HALF", "evaluate"))).isEmpty();
        assertThat(analyse("FloatMain.java", HARNESS.formatted("FloatMain", "FLOAT", "startTraining"))).isEmpty();
        assertThat(analyse("ScaledMain.java", HARNESS.formatted("ScaledMain", "HALF", "startTraining")
                .replace("class Harness {", "class Harness {\n    private final LossScaler scaler = new LossScaler();")))
                .isEmpty();
    }
}
