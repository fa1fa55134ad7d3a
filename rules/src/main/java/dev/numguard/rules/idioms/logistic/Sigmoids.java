package dev.numguard.rules.idioms.logistic;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.ValueAtUse;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the logistic sigmoid behind an expression, written any of the ways real code writes it:
 * {@code 1 / (1 + exp(-z))}, {@code 1 / (1 + exp(z))} (the sigmoid of {@code -z}),
 * {@code exp(z) / (1 + exp(z))}, {@code StableMath.sigmoid(z)}, through a local holding one, a
 * conditional whose branches both are one, a helper returning one (in this class or another class of
 * the project), a library or interface method named for it ({@code Sigmoid.sigmoid(z)}), or a field of
 * the class that every assignment sets to one.
 */
public final class Sigmoids {
    private static final int MAX_DEPTH = 6;
    private static final Pattern SIGMOID_NAMES = Pattern.compile("(?i)sigmoid|logistic|expit|logisticFunction");

    private Sigmoids() {
    }

    /** The sigmoid {@code e} evaluates to, read in {@code facts}'s method. */
    public static Optional<Sigmoid> of(Expr e, MethodFacts facts) {
        return of(e, facts, 0);
    }

    private static Optional<Sigmoid> of(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        Expr x = Nodes.stripCasts(e);
        Optional<Sigmoid> written = written(x);
        if (written.isPresent()) {
            return written;
        }
        if (x instanceof Expr.Conditional c) {
            return of(c.whenTrue(), facts, depth + 1).isPresent() && of(c.whenFalse(), facts, depth + 1).isPresent()
                    ? of(c.whenTrue(), facts, depth + 1).map(Sigmoid::unnamed) : Optional.empty();
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return throughLocal(v, facts, depth);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField()) {
            return fieldSigmoid(v.name(), facts.context(), depth);
        }
        if (x instanceof Expr.Call call) {
            return throughCall(call, facts, depth);
        }
        return Optional.empty();
    }

    /** {@code 1 / (1 + exp(a))} and {@code exp(a) / (1 + exp(a))}, in either operand order of the sum. */
    private static Optional<Sigmoid> written(Expr x) {
        if (!(x instanceof Expr.Binary ratio) || ratio.op() != BinaryOp.DIVIDE) {
            return Optional.empty();
        }
        Optional<Expr> denominatorExponent = onePlusExpArgument(ratio.right());
        if (denominatorExponent.isEmpty()) {
            return Optional.empty();
        }
        Expr a = denominatorExponent.get();
        if (MathCalls.isLiteral(ratio.left(), 1)) {
            return Optional.of(Nodes.stripCasts(a) instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE
                    ? new Sigmoid(u.operand(), false) : new Sigmoid(a, true));
        }
        Optional<Expr> numeratorExponent = MathCalls.expArgument(ratio.left());
        if (numeratorExponent.isPresent() && Nodes.sameShape(numeratorExponent.get(), a)) {
            return Optional.of(new Sigmoid(a, false));
        }
        return Optional.empty();
    }

    /** The {@code a} of {@code 1 + exp(a)} or {@code exp(a) + 1}, casts looked through. */
    public static Optional<Expr> onePlusExpArgument(Expr e) {
        if (!(Nodes.stripCasts(e) instanceof Expr.Binary sum) || sum.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        if (MathCalls.isLiteral(sum.left(), 1)) {
            return MathCalls.expArgument(sum.right());
        }
        return MathCalls.isLiteral(sum.right(), 1) ? MathCalls.expArgument(sum.left()) : Optional.empty();
    }

    private static Optional<Sigmoid> throughLocal(Expr.VarRead v, MethodFacts facts, int depth) {
        List<Definition> defs = facts.reaching(v);
        if (defs.size() != 1 || !defs.get(0).isPlain()) {
            return Optional.empty();
        }
        Definition def = defs.get(0);
        return of(def.value(), facts, depth + 1)
                .map(s -> s.rewritable() && ValueAtUse.stillNamed(s.logit(), def.site().span(), v, facts) ? s : s.unnamed());
    }

    private static Optional<Sigmoid> throughCall(Expr.Call call, MethodFacts facts, int depth) {
        if (call.name().equals("sigmoid") && call.ownerType().endsWith("StableMath") && call.args().size() == 1) {
            return Optional.of(new Sigmoid(call.args().get(0), false));
        }
        ClassFacts context = facts.context();
        Optional<MethodFacts> callee = context.helper(call).map(context::facts).or(() -> context.callee(call));
        if (callee.isEmpty()) {
            return namedSigmoid(call);
        }
        MethodModel helper = callee.get().method();
        Optional<Expr> returned = ExpSums.singleReturnValue(helper);
        if (helper == facts.method() || returned.isEmpty()) {
            return Optional.empty();
        }
        return of(returned.get(), callee.get(), depth + 1).map(s -> toCaller(s, call, helper, callee.get()));
    }

    /**
     * A method whose body is not in the analysed sources (a library, an interface) but whose name says
     * it is the logistic function of its one scalar argument: whatever its implementation, its value
     * rounds to 1 above z = 36.7 in double and to 0 far below.
     */
    private static Optional<Sigmoid> namedSigmoid(Expr.Call call) {
        return SIGMOID_NAMES.matcher(call.name()).matches() && call.args().size() == 1
                && call.args().get(0).type().isFloatingScalar() && call.type().arrayDimensions() == 0
                && (call.type().isFloatingScalar() || call.type().numeric() == NumericType.OTHER)
                ? Optional.of(new Sigmoid(call.args().get(0), false)) : Optional.empty();
    }

    /** A helper's sigmoid of one of its (never reassigned) parameters is the sigmoid of the argument. */
    private static Sigmoid toCaller(Sigmoid inHelper, Expr.Call call, MethodModel helper, MethodFacts helperFacts) {
        if (inHelper.rewritable() && Nodes.stripCasts(inHelper.logit()) instanceof Expr.VarRead p
                && p.kind() == VarKind.PARAMETER && helperFacts.definitions(p.name()).isEmpty()) {
            for (int k = 0; k < helper.parameters().size(); k++) {
                if (helper.parameters().get(k).name().equals(p.name())) {
                    return new Sigmoid(call.args().get(k), inHelper.negated());
                }
            }
        }
        return inHelper.unnamed();
    }

    /** A field of the class whose every assignment (and initializer, if any) is a sigmoid. */
    private static Optional<Sigmoid> fieldSigmoid(String field, ClassFacts context, int depth) {
        List<Sigmoid> found = new ArrayList<>();
        boolean[] other = {false};
        context.clazz().field(field).map(f -> f.init()).ifPresent(init ->
                written(Nodes.stripCasts(init)).ifPresentOrElse(found::add, () -> other[0] = true));
        for (MethodFacts m : context.methodsWithBodies()) {
            for (Stmt s : m.statements()) {
                if (s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead target
                        && target.kind() == VarKind.FIELD && target.ownField() && target.name().equals(field)) {
                    Optional<Sigmoid> value = a.op() == AssignOp.ASSIGN
                            ? of(a.value(), m, depth + 1) : Optional.empty();
                    value.ifPresentOrElse(found::add, () -> other[0] = true);
                }
            }
        }
        return found.isEmpty() || other[0] ? Optional.empty() : Optional.of(found.get(0).unnamed());
    }
}
