package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.fixtures.RuleFixture;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential tests of the rule fixtures (the rules module's, through its test jar): every
 * positive fixture against its fixed counterpart, on benign and on hostile inputs (see
 * {@link DifferentialHarness}).
 */
class FixtureDifferentialTest {

    @TestFactory
    Stream<DynamicNode> everyFixedFixtureAgreesOnBenignInputsAndSurvivesHostileOnes() {
        List<FixturePair> pairs = FixtureCatalog.pairsUnder(RuleFixture.root());
        assertThat(pairs).as("positive fixtures under " + RuleFixture.root()).isNotEmpty();
        return DifferentialHarness.testsFor(pairs);
    }
}
