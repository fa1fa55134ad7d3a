package dev.numguard.analyzer.differential;

import java.util.Map;

/**
 * Per rule: where benign inputs come from (so that the original is accurate on them), how closely
 * a fix must reproduce the original there, and which hostile scenario breaks the original
 * ({@code null} when the harness knows none).
 *
 * @param ruleId the rule id
 * @param benign the benign value range
 * @param benignTolerance how closely the fixed code must agree with the original on benign inputs
 * @param hostile the hostile scenario, or {@code null}
 */
record RuleProfile(String ruleId, ValueRange benign, Tolerance benignTolerance, HostileScenario hostile) {

    RuleProfile(String ruleId, ValueRange benign, HostileScenario hostile) {
        this(ruleId, benign, Tolerance.BENIGN, hostile);
    }

    /**
     * Variances of data in [-3, 3]: the naive one-pass formula itself is only accurate to about
     * eps·E[x²] absolute, about 1e-14 in double and 2e-6 in float.
     */
    private static final Tolerance VARIANCE_BENIGN = new Tolerance(1e-12, 1e-13, 1e-5, 5e-6);

    /**
     * The review fix adds ε = 1e-5 under a square root, moving results by about ε/(2·variance)
     * relative: data in [-100, 100] keep that below 1e-3 unless two of as few as two values nearly
     * coincide (where ε rightly dominates); float variances of two close values also lose digits themselves.
     */
    private static final Tolerance EPSILON_BENIGN = new Tolerance(1e-3, 1e-6, 1e-2, 1e-4);

    private static final ValueRange LOGITS = new ValueRange(-5, 5, false);

    /**
     * A forward difference with a fixed step of 1e-13 is itself only accurate to about ε·|f|/h ≈ 2e-3
     * (relative to f); the fix's central difference is accurate to about 1e-10, so on benign inputs
     * the two agree only as closely as the original is right.
     */
    private static final Tolerance DIFFERENCE_QUOTIENT_BENIGN = new Tolerance(1e-2, 1e-2, 1e-1, 1e-1);

    /**
     * Gradients of 1e-7 to 1e-5 are fp16 subnormals when stored unscaled (absolute precision 6e-8)
     * and keep 11 bits when scaled: after one step of rate 0.5 the weights differ by up to 3e-8.
     */
    private static final Tolerance LOSS_SCALING_BENIGN = new Tolerance(1e-12, 1e-14, 1e-3, 1e-7);

    private static final Map<String, RuleProfile> PROFILES = Map.ofEntries(
            Map.entry("NaiveSoftmax", new RuleProfile("NaiveSoftmax", LOGITS,
                    new ShiftScenario(5, new double[] {1000, -1000}, new double[] {1000, -1000}))),
            Map.entry("NaiveCrossEntropy", new RuleProfile("NaiveCrossEntropy", LOGITS,
                    new ShiftScenario(5, new double[] {1000, -1000}, new double[] {1000, -1000}))),
            Map.entry("NaiveLogSumExp", new RuleProfile("NaiveLogSumExp", LOGITS,
                    new ShiftScenario(5, new double[] {1000, -1000}, new double[] {1000, -1000}))),
            // |mean|/std of 1e9/1.7 in double and 1e4/1.7 in float: past where E[X²]-E[X]² keeps a digit
            Map.entry("NaiveVariance", new RuleProfile("NaiveVariance", new ValueRange(-3, 3, false), VARIANCE_BENIGN,
                    new ShiftScenario(1, new double[] {1e9}, new double[] {1e4}))),
            Map.entry("LogOfProduct", new RuleProfile("LogOfProduct", new ValueRange(0.01, 0.3, false), new ScalingScenario())),
            // probabilities; the fixed score is still a linear-space product (only its log twin is safe), so no scenario
            Map.entry("UnderflowingProduct", new RuleProfile("UnderflowingProduct", new ValueRange(0.01, 0.3, false), null)),
            // magnitudes from 0.01: closer to 0 the naive forms already lose digits on "benign" input
            Map.entry("Log1p", new RuleProfile("Log1p", new ValueRange(0.01, 2, false), new TinyArgumentScenario())),
            Map.entry("Expm1", new RuleProfile("Expm1", new ValueRange(0.01, 2, true), new TinyArgumentScenario())),
            Map.entry("NaiveBinaryCrossEntropy", new RuleProfile("NaiveBinaryCrossEntropy", LOGITS, new LogisticAsymptoteScenario())),
            Map.entry("NaiveSoftplus", new RuleProfile("NaiveSoftplus", LOGITS, new LogisticAsymptoteScenario())),
            Map.entry("NaiveHypot", new RuleProfile("NaiveHypot", new ValueRange(0.1, 10, true), new PowerOfTwoScalingScenario())),
            Map.entry("NormalizeWithoutEpsilon", new RuleProfile("NormalizeWithoutEpsilon", new ValueRange(-100, 100, false),
                    EPSILON_BENIGN,
                    new ZeroInputScenario())),
            // values in [1, 2]: sums are never near 0, so a float sum's relative error is its accuracy
            Map.entry("FloatAccumulation", new RuleProfile("FloatAccumulation", new ValueRange(1, 2, false), new TilingScenario())),
            // tiny arguments: 1 - cos(x) near 0, a quadratic root as c -> 0 (b > 0 on the benign side)
            Map.entry("ForwardDifference", new RuleProfile("ForwardDifference", LOGITS, DIFFERENCE_QUOTIENT_BENIGN, null)),
            // weights and inputs in [1e-3, 3e-3]: gradients 2·error·x below 1e-5, which the initial scale 2^16 keeps finite
            Map.entry("UnscaledHalfBackward", new RuleProfile("UnscaledHalfBackward", new ValueRange(1e-3, 3e-3, false),
                    LOSS_SCALING_BENIGN, null)),
            Map.entry("CancellingDifference", new RuleProfile("CancellingDifference", new ValueRange(0.01, 2, false),
                    new LeadingTermScenario())));

    /** The profile of {@code ruleId}; an unknown rule gets logits-like benign inputs and no scenario. */
    static RuleProfile of(String ruleId) {
        RuleProfile profile = PROFILES.get(ruleId);
        return profile != null ? profile : new RuleProfile(ruleId, LOGITS, null);
    }
}
