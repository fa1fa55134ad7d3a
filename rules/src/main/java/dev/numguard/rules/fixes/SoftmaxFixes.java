package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.TwoClassRatio;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixes of a naive softmax: the whole method becomes {@code StableMath.softmax(x)}, or the
 * maximum is subtracted in place.
 */
public final class SoftmaxFixes {
    public static final String STABLE_MATH = "dev.numguard.guards.StableMath";

    private SoftmaxFixes() {
    }

    /** Whole method is the softmax of one array: {@code return StableMath.softmax(x);}. */
    public static Optional<Fix> wholeMethod(ClassFacts context, MethodFacts facts, ExpTerm numerator, ExpSum sum,
                                            MethodFacts sumFacts, NumericType type) {
        MethodModel method = facts.method();
        if (!method.returnType().isFloatingVector() || method.returnType().numeric() != type) {
            return Optional.empty();
        }
        Optional<String> x = WholeArrayIdiom.arrayOf(numerator.argument(), facts, null);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        for (ExpTerm t : sum.terms()) {
            Optional<String> inSum = WholeArrayIdiom.arrayOf(t.argument(), sumFacts, sum.stream());
            if (sum.viaHelper() != null) {
                inSum = inSum.flatMap(name -> WholeArrayIdiom.toCaller(name, sum.method(), sum.viaHelper()));
            }
            if (!inSum.equals(x)) {
                return Optional.empty();
            }
        }
        if (!WholeArrayIdiom.bodyIsOnlyIdiom(facts, x.get())) {
            return Optional.empty();
        }
        Expr.VarRead array = arrayVariable(facts, x.get());
        if (array == null || !array.type().isFloatingVector() || array.type().numeric() != type) {
            return Optional.empty();
        }
        if (!returnsNormalised(facts)) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Use StableMath.softmax",
                List.of(WholeArrayIdiom.replaceBody(method, "return " + STABLE_MATH + ".softmax(" + x.get() + ");")),
                List.of(STABLE_MATH)));
    }

    /** The returned value is an array every element of which was divided by the sum. */
    private static boolean returnsNormalised(MethodFacts facts) {
        List<Stmt> top = facts.method().body().statements();
        Expr returned = Nodes.stripCasts(((Stmt.Return) top.get(top.size() - 1)).value());
        if (returned instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return facts.definitions(v.name()).stream().anyMatch(d -> d.element()
                    && (d.op() == AssignOp.DIVIDE || d.value() != null && Nodes.stripCasts(d.value()) instanceof Expr.Binary b
                    && b.op() == BinaryOp.DIVIDE));
        }
        return returned instanceof Expr.Call toArray && toArray.name().equals("toArray")
                && Nodes.expressions(toArray).stream().anyMatch(e -> e instanceof Expr.Lambda l && l.body() != null
                && Nodes.stripCasts(l.body()) instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE);
    }

    private static Expr.VarRead arrayVariable(MethodFacts facts, String name) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() != VarKind.FIELD) {
                return v;
            }
        }
        return null;
    }

    /** Shift in place: the maximum computed before the sum loop, subtracted in every exponent. */
    public static Optional<Fix> shiftInPlace(ClassFacts context, MethodFacts facts, ExpTerm numerator, ExpSum sum,
                                             NumericType type) {
        return MaxShift.plan(context, facts, sum, List.of(numerator), type)
                .map(shift -> Fix.review("Subtract the maximum before exponentiating", shift.edits(), List.of()));
    }

    /**
     * As {@link #shiftInPlace}, only where the shift is seen nowhere but in the ratio: the sum's local
     * accumulator and a local array the loop stores the exponentials in are read only in the sum's
     * loop and within {@code uses} (the ratio, the loop of the numerator's sum). A sum or stored
     * exponentials read elsewhere ({@code log(total)}, the array returned) would change by exp(-max).
     */
    public static Optional<Fix> shiftInPlaceWhereOnlyRatioReads(ClassFacts context, MethodFacts facts, ExpTerm numerator,
                                                                ExpSum sum, NumericType type, List<SourceSpan> uses) {
        if (sum.reduction() == null || sum.loop() == null || sum.reduction().variableKind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        Stmt.Loop loop = sum.loop();
        java.util.Set<String> held = new java.util.HashSet<>();
        held.add(sum.reduction().variable());
        for (Stmt st : Nodes.statements(loop.body())) {
            if (st instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayElement element
                    && Nodes.stripCasts(element.array()) instanceof Expr.VarRead array) {
                if (array.kind() != VarKind.LOCAL && Nodes.expressions(a.value()).stream().anyMatch(e -> MathCalls.expArgument(e).isPresent())) {
                    return Optional.empty(); // exponentials kept in a field or a parameter's array: seen outside
                }
                if (array.kind() == VarKind.LOCAL) {
                    held.add(array.name());
                }
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && held.contains(v.name())
                    && !loop.span().contains(v.span()) && uses.stream().noneMatch(u -> u.contains(v.span()))) {
                return Optional.empty();
            }
        }
        return shiftInPlace(context, facts, numerator, sum, type);
    }

    /**
     * {@code exp(a) / (1 + exp(a))} becomes {@code StableMath.sigmoid(a)}, {@code exp(a) / (exp(a) + exp(b))}
     * {@code StableMath.sigmoid(a - b)}, the exponentials inline or held in locals. A local that only
     * fed the ratio is deleted with its declaration. Safe when nothing is deleted and the exponents
     * call nothing but math functions (the original evaluated them once more); review otherwise.
     */
    public static Optional<Fix> twoClassSigmoid(TwoClassRatio pair, Expr.Binary ratio, MethodFacts facts) {
        ClassFacts context = facts.context();
        if (!(Nodes.stripCasts(ratio.right()) instanceof Expr.Binary sum)) {
            return Optional.empty();
        }
        List<Stmt.LocalDecl> held = new ArrayList<>();
        for (Expr operand : List.of(ratio.left(), sum.left(), sum.right())) {
            if (Nodes.stripCasts(operand) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                List<Definition> defs = facts.reaching(v);
                Stmt.LocalDecl declaration = facts.declaration(v.name());
                if (defs.size() != 1 || defs.get(0).site() != declaration || declaration.init() == null
                        || MathCalls.expArgument(declaration.init()).filter(a -> ValueAtUse.stillNamed(a,
                        declaration.span(), ratio, facts)).isEmpty()) {
                    return Optional.empty();
                }
                if (!held.contains(declaration)) {
                    held.add(declaration);
                }
            }
        }
        Expr a = pair.exponent();
        Expr replaced = Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Cast c && c.type().numeric() == NumericType.FLOAT
                        && c.operand().span().equals(ratio.span())).findFirst().orElse(ratio);
        boolean floatResult = replaced.type().numeric() == NumericType.FLOAT;
        // a float sigmoid of a float x, computed in double and rounded once, is StableMath.sigmoid(x)
        Expr floatLogit = !floatResult || pair.other() != null ? null
                : a.type().numeric() == NumericType.FLOAT ? a
                : a instanceof Expr.Cast widened && widened.operand().type().numeric() == NumericType.FLOAT
                ? widened.operand() : null;
        String logit;
        if (floatLogit != null) {
            logit = context.text(floatLogit);
        } else if (pair.other() == null) {
            logit = LogitArgument.text(a, false, context);
        } else if (a.type().numeric() == NumericType.DOUBLE && pair.other().type().numeric() == NumericType.DOUBLE) {
            logit = SourceEdits.asAdditiveOperand(a, context) + " - " + SourceEdits.asFactor(pair.other(), context);
        } else {
            return Optional.empty();
        }
        String call = STABLE_MATH + ".sigmoid(" + logit + ")";
        List<TextEdit> edits = new ArrayList<>();
        edits.add(floatResult && floatLogit == null ? TextEdit.replace(replaced.span(), "(float) " + call)
                : SourceEdits.replaceByPrimary(replaced.span(), call, context));
        for (Stmt.LocalDecl declaration : held) {
            boolean onlyFedRatio = DeadCode.readsOf(declaration.id(), facts).stream()
                    .allMatch(r -> ratio.span().contains(r.span()));
            if (onlyFedRatio) {
                DeadCode.deleteDeclaration(declaration, facts).ifPresent(edits::add);
            }
        }
        boolean pure = Nodes.expressions(a).stream().noneMatch(e -> e instanceof Expr.Call c
                && !MathCalls.isMathOwner(c.ownerType()) || e instanceof Expr.Unary u && u.op().assigns());
        return Optional.of(edits.size() == 1 && pure
                ? Fix.safe("Use StableMath.sigmoid", edits, List.of(STABLE_MATH))
                : Fix.review("Use StableMath.sigmoid", edits, List.of(STABLE_MATH)));
    }

    /** {@code 1 / (1 + exp(b - a))}, or {@code 1 / (1 + exp(-a))}: the two-class softmax that never overflows. */
    public static String twoClassStableForm(TwoClassRatio pair, ClassFacts context) {
        String a = SourceEdits.asFactor(pair.exponent(), context);
        return "1 / (1 + Math.exp(" + (pair.other() == null ? "-" + a : context.text(pair.other()) + " - " + a) + "))";
    }
}
