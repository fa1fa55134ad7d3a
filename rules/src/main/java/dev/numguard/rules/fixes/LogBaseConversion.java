package dev.numguard.rules.fixes;

import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a call of a logarithm helper in a fixed base by a stable natural-log value divided by
 * the log of the base ({@code SimpleMath.logBase2(1 + Math.exp(z))} becomes
 * {@code StableMath.softplus(z) / Math.log(2)}), with parentheses only where the quotient would
 * not stay one operand: a term of a sum, a whole returned or assigned value or an argument needs none.
 * A private helper of the file that only this call used goes with it.
 */
public final class LogBaseConversion {
    private LogBaseConversion() {
    }

    /**
     * The edits writing {@code natural / divisor} in place of {@code call}, and deleting the helper
     * when it is a private method of this file that nothing else calls.
     */
    public static List<TextEdit> replace(Expr.Call call, String natural, String divisor, MethodFacts facts) {
        String quotient = natural + " / " + divisor;
        boolean bare = termOfSum(call, facts) || SourceEdits.isStandalone(call, facts);
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(call.span(), bare ? quotient : SourceEdits.ungroupedWhereStandalone("(" + quotient + ")", call, facts)));
        facts.context().callee(call).map(MethodFacts::method).filter(MethodModel::isPrivate)
                .flatMap(helper -> DeadCode.deleteUnusedPrivateMethod(helper, call, facts.context())).ifPresent(edits::add);
        return edits;
    }

    private static boolean termOfSum(Expr.Call call, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT) && b.type().isFloatingScalar()
                && (b.left().span().equals(call.span()) || b.right().span().equals(call.span())));
    }
}
