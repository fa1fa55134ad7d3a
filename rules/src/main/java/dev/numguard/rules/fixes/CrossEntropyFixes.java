package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/** The fix of a naive cross-entropy: StableMath.crossEntropy(logits, target) replaces -log(p[target]). */
public final class CrossEntropyFixes {
    public static final String STABLE_MATH = "dev.numguard.guards.StableMath";

    private CrossEntropyFixes() {
    }

    /** Replace {@code -log(..)} by {@code StableMath.crossEntropy(logits, target)}. */
    public static Optional<Fix> negatedFix(ClassFacts context, MethodFacts facts, Expr.Call log, String logits,
                                           Expr target) {
        if (!target.type().numeric().equals(NumericType.INT)) {
            return Optional.empty();
        }
        return negation(facts, log).map(negation -> Fix.review("Use StableMath.crossEntropy",
                List.of(TextEdit.replace(negation.span(), crossEntropy(logits, target, context))), List.of(STABLE_MATH)));
    }

    /**
     * Replace {@code -log(softmax(logits)[target])}, or {@code -log(p[target])} where {@code p} is a local
     * holding {@code softmax(logits)}, and
     * the logits are not a plain variable (a call result, an array element, a field), by
     * {@code StableMath.crossEntropy} of those logits. When {@code p} has no other use and its
     * declaration is the statement right before the loss, the declaration goes and the logits
     * expression moves into the call ({@code return StableMath.crossEntropy(logits(x), label);});
     * otherwise the logits are first held in a local of their own, so they are computed once, as
     * before, and both the softmax and the loss read it.
     */
    public static Optional<Fix> viaSoftmaxOf(ClassFacts context, MethodFacts facts, Expr.Call log,
                                             Expr.ArrayElement element, Expr.Call softmax) {
        Expr target = element.index();
        Expr logits = softmax.args().get(0);
        if (!target.type().numeric().equals(NumericType.INT) || !logits.type().isFloatingVector()) {
            return Optional.empty();
        }
        if (Nodes.stripCasts(element.array()).span().equals(softmax.span())) {
            // -log(softmax(logits)[t]): the logits are evaluated where they were
            return negation(facts, log).map(negation -> Fix.review("Use StableMath.crossEntropy",
                    List.of(TextEdit.replace(negation.span(), crossEntropy(context.text(logits), target, context))),
                    List.of(STABLE_MATH)));
        }
        if (!(Nodes.stripCasts(element.array()) instanceof Expr.VarRead p) || p.kind() == VarKind.FIELD) {
            return Optional.empty();
        }
        Optional<Stmt.LocalDecl> declaration = facts.statements().stream()
                .filter(s -> s instanceof Stmt.LocalDecl d && d.id().equals(p.id()) && d.init() != null
                        && Nodes.stripCasts(d.init()).span().equals(softmax.span()))
                .map(Stmt.LocalDecl.class::cast).findFirst();
        Optional<Expr.Unary> negation = negation(facts, log);
        if (declaration.isEmpty() || negation.isEmpty() || logits.type().name().equals("?")) {
            return Optional.empty();
        }
        Stmt.LocalDecl decl = declaration.get();
        Optional<Stmt> next = DeadCode.next(decl, facts);
        boolean onlyUse = DeadCode.readsOf(p.id(), facts).size() == 1;
        Optional<TextEdit> removal = DeadCode.deleteDeclaration(decl, facts);
        if (onlyUse && removal.isPresent() && next.isPresent() && next.get().span().contains(negation.get().span())) {
            return Optional.of(Fix.review("Use StableMath.crossEntropy", List.of(removal.get(),
                    TextEdit.replace(negation.get().span(), crossEntropy(context.text(logits), target, context))),
                    List.of(STABLE_MATH)));
        }
        if (!SourceEdits.startsLine(decl.span().start(), context)) {
            return Optional.empty();
        }
        String name = SourceEdits.freshName(facts, "logits", "scores");
        String local = logits.type().name() + " " + name + " = " + context.text(logits) + ";" + context.lineSeparator()
                + context.indentationAt(decl.span().start());
        return Optional.of(Fix.review("Use StableMath.crossEntropy", List.of(
                new TextEdit(decl.span().start(), decl.span().start(), local),
                TextEdit.replace(logits.span(), name),
                TextEdit.replace(negation.get().span(), crossEntropy(name, target, context))), List.of(STABLE_MATH)));
    }

    /** What {@link #flooredLog} does, and what it does not. */
    public static final String FLOORED_LOG = "Floor the log of an underflowed probability with "
            + "StableMath.logProbability: this only bounds the loss (0 gives log(MIN_VALUE), -744.44 in double, "
            + "-103.28 in float); the cure is to compute the loss from the logits, "
            + "StableMath.crossEntropy(logits, target)";

    /**
     * Replace {@code Math.log(p)}, p a probability that a softmax out of this rewrite's reach computed
     * (another class, a graph node), by {@code StableMath.logProbability(p)}: the same value for every p
     * except ±0, the probability that underflowed, which gives the log of the smallest positive value of
     * p's type instead of -Infinity. The loss is then finite (and a one-hot term {@code 0 · log p} is 0,
     * not NaN), but where p underflowed it is a bound, not the loss: review. Only a double or float
     * argument, or one of an undeclared type (an int or long one would select the float overload).
     */
    public static Optional<Fix> flooredLog(ClassFacts context, Expr.Call log) {
        Optional<Expr> argument = MathCalls.logArgument(log);
        if (argument.isEmpty() || !Nodes.stripCasts(log).span().equals(log.span())) {
            return Optional.empty();
        }
        // a double or float argument picks its overload; one of a type the sources do not declare (a class
        // outside the analysed files) is a number Math.log accepted, so a probability: float or double
        TypeInfo type = argument.get().type();
        boolean floating = type.isFloatingScalar()
                && (type.numeric() == NumericType.DOUBLE || type.numeric() == NumericType.FLOAT);
        if (!floating && !type.equals(TypeInfo.UNKNOWN)) {
            return Optional.empty();
        }
        String call = STABLE_MATH + ".logProbability(" + context.text(argument.get()) + ")";
        return Optional.of(Fix.review(FLOORED_LOG, List.of(TextEdit.replace(log.span(), call)), List.of(STABLE_MATH)));
    }

    private static String crossEntropy(String logits, Expr target, ClassFacts context) {
        return STABLE_MATH + ".crossEntropy(" + logits + ", " + context.text(target) + ")";
    }

    private static Optional<Expr.Unary> negation(MethodFacts facts, Expr.Call log) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Unary negation && negation.op() == UnaryOp.NEGATE
                    && Nodes.stripCasts(negation.operand()).span().equals(log.span())
                    && negation.operand() instanceof Expr.Call) {
                return Optional.of(negation);
            }
        }
        return Optional.empty();
    }
}
