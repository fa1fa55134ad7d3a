package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.InputMagnitudes;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;

/**
 * Whether the doubles squared in a norm can reach 1.34e154 or 1.49e-154, where their squares
 * overflow or underflow, by whose choice their magnitude is ({@link InputMagnitudes}):
 * <ul>
 *   <li>a caller's values read without arithmetic, in a function that returns their norm (a
 *       public norm, distance, cosine or {@code asinh} of its arguments: every double is a legal
 *       argument), or magnitudes the code grows ({@code exp}, computed powers, products
 *       accumulated in a loop): reported;</li>
 *   <li>values read from a library, whose scale the code does not show: reported as a note;</li>
 *   <li>values the application computes from others (shifted, scaled, rotated or centred values,
 *       objectives of decision variables, model and distribution parameters), and a norm of
 *       arguments stored straight into a field (a derived parameter of the object being
 *       configured): their magnitude is set by what they mean, far from 1e154; left alone.</li>
 * </ul>
 * Only for squares in double: a float square overflows at 1.84e19, within reach of ordinary data.
 */
public final class NormInputs {
    private NormInputs() {
    }

    /**
     * The verdict for the root {@code sqrt} of the squares of {@code values} read in {@code facts}'
     * method, or {@code null} when the norm is left alone.
     */
    public static SquaredOrigins.Verdict of(Expr.Call sqrt, List<Expr> values, MethodFacts facts) {
        InputMagnitudes.Verdict verdict = InputMagnitudes.of(values, facts,
                (x, where) -> SquaredRange.safe(x, NumericType.DOUBLE, where));
        return switch (verdict.kind()) {
            case INPUT -> storedInField(sqrt, facts) ? null : new SquaredOrigins.Verdict(SquaredOrigins.Scale.CALLER_DATA, null);
            case GROWN -> new SquaredOrigins.Verdict(SquaredOrigins.Scale.CALLER_DATA, null);
            case EXTERNAL -> new SquaredOrigins.Verdict(SquaredOrigins.Scale.INTERNAL, verdict.source());
            case DERIVED -> null;
        };
    }

    /** {@code this.alpha = Math.sqrt(gamma * gamma + beta * beta)}: a parameter of the object, derived from others. */
    private static boolean storedInField(Expr.Call sqrt, MethodFacts facts) {
        return facts.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a && Nodes.stripCasts(a.value()) == sqrt
                && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD);
    }
}
