package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The harness on fixtures of its own (under {@code src/test/resources/differential-selftest}): hand
 * fixes that are right must pass, and fixes that are wrong in each way the harness guards against
 * must be caught.
 */
class DifferentialHarnessSelfTest {

    private static final Path GOOD = FixtureCatalog.resourceFolder("/differential-selftest/good");
    private static final Path BAD = FixtureCatalog.resourceFolder("/differential-selftest/bad");

    @TestFactory
    Stream<DynamicNode> correctHandFixesPassBothChecks() {
        List<FixturePair> pairs = FixtureCatalog.pairsUnder(GOOD);
        assertThat(pairs).extracting(FixturePair::ruleId).contains("NaiveSoftmax", "NaiveLogSumExp",
                "NaiveVariance", "LogOfProduct", "Log1p", "Expm1", "NaiveCrossEntropy");
        return DifferentialHarness.testsFor(pairs);
    }

    @Test
    void everyCorrectHandFixShowsTheOriginalBreaking() throws Exception {
        for (FixturePair pair : FixtureCatalog.pairsUnder(GOOD)) {
            Class<?> original = InMemoryCompiler.compileAndLoad(pair.positive());
            Class<?> fixed = InMemoryCompiler.compileAndLoad(pair.fixed());
            for (Method method : original.getMethods()) {
                if (method.getDeclaringClass() != original) {
                    continue;
                }
                Method counterpart = fixed.getMethod(method.getName(), method.getParameterTypes());
                String summary = DifferentialHarness.checkHostile(pair, RuleProfile.of(pair.ruleId()), method, counterpart);
                assertThat(summary).contains("the original missed it on");
            }
        }
    }

    @Test
    void aFixThatIsStillNaiveFailsTheHostileCheck() throws Exception {
        FixturePair pair = pair("NaiveSoftmax", "StillNaive");
        Method original = method(pair.positive(), "softmax", double[].class);
        Method fixed = method(pair.fixed(), "softmax", double[].class);
        DifferentialHarness.checkBenign(pair, RuleProfile.of("NaiveSoftmax"), original, fixed);
        assertThatThrownBy(() -> DifferentialHarness.checkHostile(pair, RuleProfile.of("NaiveSoftmax"), original, fixed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is not finite");
    }

    @Test
    void aFixThatChangesTheResultFailsTheBenignCheck() throws Exception {
        FixturePair pair = pair("NaiveVariance", "WrongDenominator");
        for (Class<?> type : List.of(double[].class, float[].class)) {
            Method original = method(pair.positive(), "variance", type);
            Method fixed = method(pair.fixed(), "variance", type);
            assertThatThrownBy(() -> DifferentialHarness.checkBenign(pair, RuleProfile.of("NaiveVariance"), original, fixed))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("changed its result on a benign input");
        }
    }

    @Test
    void aMissingFixedVersionIsSkippedNotPassed() {
        FixturePair pair = pair("LogOfProduct", "NotFixedYet");
        assertThat(pair.hasFixed()).isFalse();
        DynamicNode node = DifferentialHarness.testsFor(pair);
        assertThat(node).isInstanceOf(org.junit.jupiter.api.DynamicTest.class);
        assertThatThrownBy(() -> ((org.junit.jupiter.api.DynamicTest) node).getExecutable().execute())
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no fixed counterpart at");
    }

    @Test
    void aRuleWithoutAScenarioIsSkippedOnHostileInputs() throws Exception {
        FixturePair pair = pair("NaiveSoftmax", "StillNaive");
        Method original = method(pair.positive(), "softmax", double[].class);
        assertThatThrownBy(() -> DifferentialHarness.checkHostile(pair, RuleProfile.of("UnscaledHalfBackward"), original, original))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no hostile scenario");
    }

    private static FixturePair pair(String ruleId, String caseName) {
        return FixtureCatalog.pairsUnder(BAD).stream()
                .filter(p -> p.ruleId().equals(ruleId) && p.caseName().equals(caseName))
                .findFirst()
                .orElseThrow();
    }

    private static Method method(Path source, String name, Class<?>... parameters) throws NoSuchMethodException {
        return InMemoryCompiler.compileAndLoad(source).getMethod(name, parameters);
    }
}
