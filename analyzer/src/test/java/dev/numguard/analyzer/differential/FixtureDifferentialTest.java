package dev.numguard.analyzer.differential;

import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential tests of the rule fixtures under {@code src/test/resources/fixtures}: every
 * positive fixture against its fixed counterpart, on benign and on hostile inputs (see
 * {@link DifferentialHarness}).
 */
class FixtureDifferentialTest {

    @TestFactory
    Stream<DynamicNode> everyFixedFixtureAgreesOnBenignInputsAndSurvivesHostileOnes() {
        Path root = FixtureCatalog.resourceFolder("/fixtures");
        List<FixturePair> pairs = FixtureCatalog.pairsUnder(root);
        if (pairs.isEmpty()) {
            return Stream.of(dynamicTest("rule fixtures", () -> abort("no positive fixture under src/test/resources/fixtures")));
        }
        return DifferentialHarness.testsFor(pairs);
    }
}
