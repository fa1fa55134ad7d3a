package dev.numguard.rules.idioms.difference;

import dev.numguard.rules.facts.CallSites;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/**
 * A difference quotient {@code (f(x + h) − f(x)) / h} or {@code (f(x + h) − f(x − h)) / (2h)} whose
 * step is a constant: a literal, or a local or a final field holding one. The quotient is recognised
 * by its shape (a difference over h or 2h) and by the step being added to or subtracted from
 * something elsewhere in the method ({@code x + h}, {@code w[i] += h}), which is what makes it a
 * perturbation rather than any constant divisor.
 *
 * @param step the step's value
 * @param central whether the denominator is {@code 2h}
 * @param type the floating-point type the function values are computed in
 * @param difference the numerator, {@code f(x + h) − f(x)} or {@code f(x + h) − f(x − h)}
 * @param h the step expression of the denominator ({@code h} of {@code h} or {@code 2h})
 */
public record DifferenceQuotient(double step, boolean central, NumericType type, Expr.Binary difference, Expr h) {
    /** Machine epsilon (the gap between 1 and the next value) of {@code type}. */
    public double epsilon() {
        return type == NumericType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    /** The step minimising truncation plus rounding error at |x| ≤ 1: √ε forward, ∛ε central. */
    public double optimalStep() {
        return central ? Math.cbrt(epsilon()) : Math.sqrt(epsilon());
    }

    /** Correct digits at |x| and |f| of order one: −log10(h + ε/h) forward, −log10(h² + ε/h) central. */
    public double digits(double h) {
        return -Math.log10((central ? h * h : h) + epsilon() / h);
    }

    /** {@code quotient} as a difference quotient with a constant step, or empty. */
    public static Optional<DifferenceQuotient> of(Expr.Binary quotient, MethodFacts facts) {
        if (quotient.op() != BinaryOp.DIVIDE || !(Nodes.stripCasts(quotient.left()) instanceof Expr.Binary difference)
                || difference.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        Expr denominator = Nodes.stripCasts(quotient.right());
        Expr h = denominator;
        boolean central = false;
        if (denominator instanceof Expr.Binary twice && twice.op() == BinaryOp.MULTIPLY) {
            h = MathCalls.isLiteral(twice.left(), 2) ? twice.right() : MathCalls.isLiteral(twice.right(), 2) ? twice.left() : null;
            central = true;
        }
        if (h == null) {
            return Optional.empty();
        }
        Optional<Double> step = constantValue(h, facts);
        if (step.isEmpty() || !(step.get() > 0) || !perturbs(h, quotient, facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(difference) == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        return Optional.of(new DifferenceQuotient(step.get(), central, type, difference, h));
    }

    private static Optional<Double> constantValue(Expr h, MethodFacts facts) {
        return constantValue(h, facts, true);
    }

    /**
     * The step's constant value; a parameter never reassigned takes the smallest positive constant
     * that a caller of the analysed tree passes for it ({@code calculateDerivative(x, 1e-16)} from
     * {@code main}), as one bad call is enough to break the quotient.
     */
    private static Optional<Double> constantValue(Expr h, MethodFacts facts, boolean followCallers) {
        Expr e = Nodes.stripCasts(h);
        if (followCallers && e instanceof Expr.VarRead p && p.kind() == VarKind.PARAMETER
                && facts.definitionsOf(p.id()).stream().allMatch(d -> d.site() == null)) {
            return smallestPassed(p, facts);
        }
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && (v.ownField() || v.qualifier() == null)) {
            Optional<FieldModel> field = facts.context().clazz().field(v.name());
            e = field.filter(FieldModel::isFinal).map(FieldModel::init).orElse(null);
        } else if (e instanceof Expr.VarRead) {
            e = facts.resolve(e);
        }
        return e != null && Nodes.stripCasts(e) instanceof Expr.Literal literal && literal.value() instanceof Number
                ? Optional.of(literal.numericValue()) : Optional.empty();
    }

    private static Optional<Double> smallestPassed(Expr.VarRead parameter, MethodFacts facts) {
        MethodModel method = facts.method();
        int index = method.parameters().stream().map(Parameter::name).toList().indexOf(parameter.name());
        if (index < 0) {
            return Optional.empty();
        }
        Optional<Double> smallest = Optional.empty();
        for (CallSites.Site<Expr.Call> site : facts.context().project().callSites()
                .callsNamed(method.name(), method.parameters().size())) {
            if (site.where().context().callee(site.node()).filter(c -> c.method() == method).isEmpty()) {
                continue;
            }
            Optional<Double> passed = constantValue(site.node().args().get(index), site.where(), false);
            if (passed.isPresent() && passed.get() > 0 && (smallest.isEmpty() || passed.get() < smallest.get())) {
                smallest = passed;
            }
        }
        return smallest;
    }

    /** True when h is added to or subtracted from something outside the quotient's denominator. */
    private static boolean perturbs(Expr h, Expr.Binary quotient, MethodFacts facts) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                    && !quotient.right().span().contains(b.span())
                    && (Nodes.sameShape(b.left(), h) || Nodes.sameShape(b.right(), h))) {
                return true;
            }
        }
        for (Stmt s : Nodes.statements(facts.method().body())) {
            if (s instanceof Stmt.Assign a && (a.op() == AssignOp.ADD || a.op() == AssignOp.SUBTRACT)
                    && Nodes.expressions(a.value()).stream().anyMatch(x -> Nodes.sameShape(x, h))) {
                return true;
            }
        }
        return false;
    }
}
