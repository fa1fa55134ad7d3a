package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Set;

/**
 * Writes that patch a value only after it has already overflowed: {@code if (Double.isInfinite(e))
 * e = Double.MAX_VALUE;}. Such a patch does not change what the value is (an exponential stays an
 * exponential, and has already lost its information when the patch runs), so a value with one real
 * definition and patches is resolved to the real one. A shift or a bound before the overflowing
 * operation is something else and is never dropped here.
 */
final class OverflowPatches {
    private static final Set<String> NON_FINITE_TESTS = Set.of("isInfinite", "isNaN", "isFinite");

    private OverflowPatches() {
    }

    /** {@code definitions} without the overflow patches among them, when one definition is left; else as given. */
    static List<Definition> without(List<Definition> definitions, MethodFacts facts) {
        if (definitions.size() < 2) {
            return definitions;
        }
        List<Definition> real = definitions.stream().filter(d -> !isPatch(d, facts)).toList();
        return real.size() == 1 ? real : definitions;
    }

    private static boolean isPatch(Definition d, MethodFacts facts) {
        if (!d.isPlain() || !isConstant(d.value())) {
            return false;
        }
        return facts.statements().stream().anyMatch(s -> s instanceof Stmt.If branch && branch.then() != null
                && branch.then().span().contains(d.site().span()) && testsNonFinite(branch.condition(), d.variable()));
    }

    private static boolean isConstant(Expr value) {
        Expr v = Nodes.stripCasts(value);
        return v instanceof Expr.Literal || v instanceof Expr.VarRead field && field.kind() == VarKind.FIELD
                && field.name().equals(field.name().toUpperCase(java.util.Locale.ROOT));
    }

    private static boolean testsNonFinite(Expr condition, String variable) {
        return Nodes.expressions(condition).stream().anyMatch(e -> e instanceof Expr.Call call
                && NON_FINITE_TESTS.contains(call.name()) && call.args().size() == 1
                && Nodes.isLocal(call.args().get(0), variable));
    }
}
