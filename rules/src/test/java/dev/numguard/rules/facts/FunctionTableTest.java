package dev.numguard.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FunctionTableTest {
    @Test
    void mathAndItsDropInsComputeTheirNamesakes() {
        FunctionTable table = FunctionTable.standard();
        for (String owner : new String[] {"java.lang.Math", "java.lang.StrictMath", "org.hipparchus.util.FastMath",
                "org.apache.commons.math3.util.FastMath", "net.jafama.FastMath",
                "org.apache.commons.math4.core.jdkmath.AccurateMath"}) {
            assertThat(table.function(owner, "exp")).as(owner).contains("exp");
            assertThat(table.function(owner, "log1p")).as(owner).contains("log1p");
            assertThat(table.isMathDropIn(owner)).as(owner).isTrue();
        }
        assertThat(table.function("java.util.Random", "nextGaussian")).isEmpty();
        assertThat(table.isMathDropIn("com.acme.Num")).isFalse();
    }

    @Test
    void arrayLibrariesHaveElementWiseAndWholeArrayFunctions() {
        FunctionTable table = FunctionTable.standard();
        assertThat(table.function("org.nd4j.linalg.ops.transforms.Transforms", "exp")).contains("array-exp");
        assertThat(table.function("org.nd4j.linalg.api.ndarray.INDArray", "sumNumber")).contains("array-sum");
        assertThat(table.function("ai.djl.ndarray.NDArray", "div")).contains("array-div");
        assertThat(table.function("ai.djl.ndarray.NDArray", "mul")).isEmpty();
    }

    @Test
    void fp16ConversionsAndArithmeticAreListed() {
        FunctionTable table = FunctionTable.standard();
        assertThat(table.function("java.lang.Float", "floatToFloat16")).contains("to-half");
        assertThat(table.function("dev.numguard.guards.Half", "fromDouble")).contains("to-half");
        assertThat(table.function("uk.ac.manchester.tornado.api.types.HalfFloat", "<init>")).contains("to-half");
        assertThat(table.function("uk.ac.manchester.tornado.api.types.HalfFloat", "add")).contains("half-add");
        assertThat(table.function("uk.ac.manchester.tornado.api.types.HalfFloat", "getFloat32")).contains("half-to-float");
        assertThat(table.function("uk.ac.manchester.tornado.api.types.HalfFloat", "sub")).isEmpty();
        assertThat(table.methodComputing("uk.ac.manchester.tornado.api.types.HalfFloat", "half-multiply")).contains("mult");
        assertThat(table.methodComputing("uk.ac.manchester.tornado.api.types.HalfFloat", "exp")).isEmpty();
        assertThat(table.methodComputing("uk.ac.manchester.tornado.api.types.Half", "half-to-float")).isEmpty();
        assertThat(table.function("java.lang.Float", "float16ToFloat")).isEmpty();
    }

    @Test
    void aUserTableAddsWrappersAndDropIns() {
        FunctionTable table = FunctionTable.parse("""
                # in-house helpers
                com.acme.LogExpUtil#exp = exp
                com.acme.Safe#ln = log

                com.acme.MyMath#* = math
                """, "acme.properties");
        assertThat(table.function("com.acme.LogExpUtil", "exp")).contains("exp");
        assertThat(table.function("com.acme.Safe", "ln")).contains("log");
        assertThat(table.function("com.acme.Safe", "log")).isEmpty();
        assertThat(table.function("com.acme.MyMath", "expm1")).contains("expm1");
    }

    @Test
    void malformedEntriesNameTheFileAndLine() {
        assertThatThrownBy(() -> FunctionTable.parse("a.B#exp = exp\n\na.B#f = exponential\n", "mine.properties"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mine.properties:3: unknown function 'exponential'");
        assertThatThrownBy(() -> FunctionTable.parse("a.B.exp = exp\n", "mine.properties"))
                .hasMessageStartingWith("mine.properties:1: expected <type>#<method> = <function>");
        assertThatThrownBy(() -> FunctionTable.parse("a.B#* = exp\n", "mine.properties"))
                .hasMessageStartingWith("mine.properties:1: '*' and 'math' go together");
        assertThatThrownBy(() -> FunctionTable.parse("#exp = exp\n a.B# = exp", "mine.properties"))
                .hasMessageStartingWith("mine.properties:2: the type and the method must not be empty");
    }
}
