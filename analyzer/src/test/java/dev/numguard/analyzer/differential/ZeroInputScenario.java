package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * For normalisations by a norm or a standard deviation: the all-zero input (every floating-point
 * argument, scalars and array elements, set to 0) has norm and standard deviation exactly 0, so
 * the unguarded division is 0/0 = NaN. The reference is the value an ε-regularised normalisation
 * takes there: 0 for every output number ({@code (x - mean)/sqrt(0 + ε)}, {@code 0/sqrt(ε)}). This
 * is the convention the fix adopts, not a limit of the naive formula (which has none at 0); the
 * benign check is what shows the fix changes nothing else beyond ε.
 */
final class ZeroInputScenario implements HostileScenario {
    private static final Tolerance EXACT_ZERO = new Tolerance(0, 0, 0, 0);

    @Override
    public Tolerance tolerance() {
        return EXACT_ZERO;
    }

    @Override
    public String description() {
        return "every floating-point argument set to 0 (norm and standard deviation exactly 0); reference: 0 for every"
                + " output number, the value of an epsilon-regularised normalisation there";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Outcome shape = original.apply(benign);
        if (shape.thrown() != null) {
            throw new Unobservable("the original throws on the benign input");
        }
        Object[] zeros = new Object[benign.length];
        for (int p = 0; p < benign.length; p++) {
            zeros[p] = FloatingParameters.mapDoubles(benign[p], x -> 0.0, x -> 0f);
        }
        Outcome expected = FloatingParameters.mapOutcome(shape, v -> 0.0);
        return List.of(new HostileCase("all floating-point arguments 0", zeros, expected, tolerance()));
    }
}
