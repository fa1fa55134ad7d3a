package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.CallSites;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.norms.Constants;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A project helper that takes the logarithm in a fixed base: its only statement returns
 * {@code Math.log(v) / c} of its parameter v, with c {@code Math.log(b)} for a constant b, written
 * there or in a field that nothing but its initializer sets ({@code LOG2 = Math.log(2)}). A value
 * {@code L} known as a natural logarithm is then the helper's value as {@code L / Math.log(b)}: the
 * same division by the same double, so a stable natural-log form ({@code StableMath.softplus(z)})
 * can stand in for {@code helper(1 + exp(z))} in that base.
 */
public final class ConstantBaseLogarithm {
    private ConstantBaseLogarithm() {
    }

    /** {@code Math.log(b)} written with b's value, for a call of such a helper (static or private: no override). */
    public static Optional<String> divisor(Expr.Call call, MethodFacts facts) {
        if (call.args().size() != 1 || MathCalls.isMathOwner(call.ownerType())) {
            return Optional.empty();
        }
        Optional<MethodFacts> helper = facts.context().callee(call)
                .filter(m -> m.method().isStatic() || m.method().isPrivate());
        if (helper.isEmpty() || helper.get().method().body() == null
                || helper.get().method().body().statements().size() != 1 || helper.get().method().parameters().size() != 1) {
            return Optional.empty();
        }
        MethodModel method = helper.get().method();
        Optional<Expr> returned = Nodes.singleReturnValue(method);
        if (returned.isEmpty() || !(Nodes.stripCasts(returned.get()) instanceof Expr.Binary quotient)
                || quotient.op() != BinaryOp.DIVIDE || !logOfParameter(quotient.left(), method.parameters().get(0).name())) {
            return Optional.empty();
        }
        OptionalDouble base = base(quotient.right(), helper.get());
        if (base.isEmpty() || !(base.getAsDouble() > 0) || base.getAsDouble() == 1 || Double.isInfinite(base.getAsDouble())) {
            return Optional.empty();
        }
        double b = base.getAsDouble();
        String written = b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
        return Optional.of("Math.log(" + written + ")");
    }

    private static boolean logOfParameter(Expr e, String parameter) {
        return MathCalls.logArgument(e).map(Nodes::stripCasts)
                .filter(a -> a instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER && v.name().equals(parameter))
                .isPresent();
    }

    /** b of a divisor {@code Math.log(b)}, or of a field whose only write in the tree is that initializer. */
    private static OptionalDouble base(Expr divisor, MethodFacts helper) {
        Expr d = Nodes.stripCasts(divisor);
        if (d instanceof Expr.VarRead field && field.kind() == VarKind.FIELD && field.id() != null) {
            List<CallSites.Site<Expr>> writes = helper.context().project().callSites().writesOf(field.id());
            if (writes.size() != 1) {
                return OptionalDouble.empty();
            }
            d = Nodes.stripCasts(writes.get(0).node());
        }
        Optional<Expr> b = MathCalls.logArgument(d);
        return b.isPresent() ? Constants.value(b.get(), helper) : OptionalDouble.empty();
    }
}
