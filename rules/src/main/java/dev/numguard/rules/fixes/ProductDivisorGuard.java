package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * A zero guard for a quotient by a product of norms whose sign is not known (cosine similarity with
 * a norm handed in, {@code dot / (Math.sqrt(xx) * normY)}): {@code d == 0 ? 0 : n / (d)}. It changes
 * only a zero divisor, whose quotient was NaN or ±Infinity, and evaluates the product twice, which is
 * why every factor must be a plain read or a math function of plain reads: no side effect, the same
 * value both times.
 */
public final class ProductDivisorGuard {
    private ProductDivisorGuard() {
    }

    /** The guard for {@code division} by the product {@code divisor}, when every factor can be read twice. */
    public static Optional<Fix> of(Expr site, Expr divisor, MethodFacts facts) {
        if (!(site instanceof Expr.Binary division) || division.op() != BinaryOp.DIVIDE
                || !(Nodes.stripCasts(divisor) instanceof Expr.Binary product) || product.op() != BinaryOp.MULTIPLY
                || !pure(product, facts) || !facts.method().span().contains(division.span())) {
            return Optional.empty();
        }
        String guarded = SourceEdits.ungroupedWhereStandalone("(" + facts.context().text(divisor) + " == 0 ? 0 : "
                + facts.context().text(division) + ")", division, facts);
        return Optional.of(Fix.review("Guard the zero product of norms",
                List.of(TextEdit.replace(division.span(), guarded)), List.of()));
    }

    private static boolean pure(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            return pure(b.left(), facts) && pure(b.right(), facts);
        }
        if (x instanceof Expr.Call call && MathCalls.isMathOwner(call.ownerType()) && call.args().size() == 1) {
            return plainRead(call.args().get(0), facts);
        }
        return plainRead(x, facts);
    }

    private static boolean plainRead(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal || x instanceof Expr.VarRead v && (v.kind() != VarKind.FIELD
                || v.ownField() && facts.context().clazz().field(v.name()).map(f -> f.isFinal()).orElse(false));
    }
}
