package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * How to turn a benign input into hostile ones for one rule, and what the exact result on them is.
 *
 * <p>A generic high-precision evaluator for arbitrary fixture code does not exist, so every
 * scenario is a metamorphic relation: the hostile input is an exact transformation of a benign one
 * (a shift by a large constant, a scaling by a power of two, a scaling towards zero), and the
 * reference result is the original code's result on the benign input — where the original is
 * accurate, as the benign differential check shows — carried through the relation the mathematics
 * guarantees (softmax and variance are shift-invariant, log-sum-exp shift-equivariant, the log of a
 * product additive in the logs of its factors, a smooth function equal to its Taylor polynomial
 * near 0). The relation is exact in real arithmetic and the transformations are exact in floating
 * point, so the reference is as accurate as the original is on benign inputs.
 */
interface HostileScenario {

    /**
     * The usual tolerance against the reference on hostile inputs: looser than the benign one, since
     * the reference and the fixed code reach the result by different roundings of large intermediates.
     */
    Tolerance HOSTILE = new Tolerance(1e-9, 1e-13, 1e-4, 1e-7);

    /** How close the fixed code must come to this scenario's reference. */
    default Tolerance tolerance() {
        return HOSTILE;
    }

    /** A sentence for reports: what the hostile inputs are and where the reference comes from. */
    String description();

    /**
     * Builds the hostile cases derived from one benign argument list.
     *
     * @param method the fixture method (of the original class; its parameter types are what matter)
     * @param benign a benign argument list
     * @param original runs the original method on an argument list
     * @throws Unobservable if the relation cannot be applied to this method's shape
     */
    List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original);

    /** The relation does not apply to a method of this shape. */
    final class Unobservable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unobservable(String message) {
            super(message, null, false, false);
        }
    }
}
