package dev.numguard.rules;

import dev.numguard.rules.core.CancellingDifference;
import dev.numguard.rules.core.Expm1;
import dev.numguard.rules.core.FloatAccumulation;
import dev.numguard.rules.core.ForwardDifference;
import dev.numguard.rules.core.Fp16Overflow;
import dev.numguard.rules.core.Log1p;
import dev.numguard.rules.core.LogOfProduct;
import dev.numguard.rules.core.NaiveBinaryCrossEntropy;
import dev.numguard.rules.core.NaiveCrossEntropy;
import dev.numguard.rules.core.NaiveHypot;
import dev.numguard.rules.core.NaiveLogSumExp;
import dev.numguard.rules.core.NaiveSoftmax;
import dev.numguard.rules.core.NaiveSoftplus;
import dev.numguard.rules.core.NaiveVariance;
import dev.numguard.rules.core.NormalizeWithoutEpsilon;
import dev.numguard.rules.core.UnderflowingProduct;
import dev.numguard.rules.core.UnscaledHalfBackward;
import java.util.List;
import java.util.Optional;

/** Every rule numguard ships, in a stable order. */
public final class RuleRegistry {
    private static final List<Rule> ALL = List.of(new NaiveSoftmax(), new NaiveLogSumExp(), new NaiveVariance(),
            new LogOfProduct(), new UnscaledHalfBackward(), new NaiveCrossEntropy(), new Log1p(), new Expm1(),
            new UnderflowingProduct(),
            new NaiveBinaryCrossEntropy(), new NaiveSoftplus(), new NaiveHypot(), new NormalizeWithoutEpsilon(),
            new FloatAccumulation(), new CancellingDifference(), new ForwardDifference(), new Fp16Overflow());

    private RuleRegistry() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }
}
