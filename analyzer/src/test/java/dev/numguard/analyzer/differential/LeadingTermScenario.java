package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * For cancellations whose exact result near 0 is of second order or is a ratio of small
 * coefficients ({@code 1 − cos(x) ≈ x²/2}, the small root of a quadratic {@code ≈ −c/b}): the
 * tiny-argument relation of {@link TinyArgumentScenario}, whose reference then rests on the
 * original's second differences or on differences of an already cancelling original, and so is
 * accurate to about 1e-5 relative in double, not 1e-8, and in float (central differences at a step of
 * 1e-2 of a root whose curvature is 4ac/b²) to a few percent. The tolerance is loosened to match; the original,
 * which returns 0 or noise there, still misses it by 100%. A reference of exactly 0 (float has no
 * second-order term) observes nothing and is dropped.
 */
final class LeadingTermScenario implements HostileScenario {
    private static final Tolerance LEADING_TERM = new Tolerance(1e-4, 0.0, 5e-2, 0.0);
    private final TinyArgumentScenario taylor = new TinyArgumentScenario();

    @Override
    public Tolerance tolerance() {
        return LEADING_TERM;
    }

    @Override
    public String description() {
        return taylor.description() + "; compared to 1e-4 (double) and 5e-2 (float) relative";
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        List<HostileCase> cases = taylor.build(method, benign, original).stream()
                .filter(c -> !(c.expected().returned() instanceof Number n) || n.doubleValue() != 0)
                .map(c -> new HostileCase(c.label(), c.arguments(), c.expected(), LEADING_TERM))
                .toList();
        if (cases.isEmpty()) {
            throw new Unobservable("every tiny-argument reference is exactly 0");
        }
        return cases;
    }
}
