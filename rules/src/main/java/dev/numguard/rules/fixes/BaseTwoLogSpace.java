package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The base-2 log-sum-exp {@code log_b(Σ pow(2, s))} accumulated in log space: a local sum
 * {@code t}, started at 0 and grown by {@code t += pow(2, s)} (or {@code t = t + pow(2, s)}),
 * becomes {@code log2T}, started at {@code -Infinity} and grown by
 * {@code log2T = StableMath.logAddExp(log2T * ln 2, s * ln 2) / ln 2} (log2 Σ 2^s = log Σ e^(s ln 2) / ln 2).
 * Each score is evaluated once, where it was, so scores computed by method calls inside the loop
 * (where no max loop can recompute them) are covered. The logarithm of the sum in any base b is
 * {@code log_b(2) · log2T}: the natural log reads {@code log2T * Math.log(2)}, a logarithm helper
 * {@code h(t)} reads {@code h(2) * log2T} (exact for every base); any other read of {@code t}
 * becomes {@code Math.pow(2, log2T)}, the same value up to rounding.
 */
public final class BaseTwoLogSpace {
    private static final String LN2 = "Math.log(2)";

    private BaseTwoLogSpace() {
    }

    /** The fix of {@code log}, a logarithm of the sum {@code Σ pow(2, exponent)}; empty unless the sum is a plain local. */
    public static Optional<Fix> of(Expr.Call log, Expr exponent, MethodFacts facts) {
        ClassFacts context = facts.context();
        Expr read = Nodes.stripCasts(log.args().get(0));
        Optional<Reduction> found = facts.reductionRead(read);
        if (found.isEmpty() || found.get().variableKind() != VarKind.LOCAL || found.get().subtracted()
                || !(found.get().update() instanceof Stmt.Assign update)) {
            return Optional.empty();
        }
        String name = found.get().variable();
        Stmt.LocalDecl declaration = facts.declaration(name);
        Optional<Expr> term = termOf(update, name);
        if (declaration == null || declaration.type().numeric() != NumericType.DOUBLE || declaration.init() == null
                || !MathCalls.isLiteral(declaration.init(), 0) || term.isEmpty()
                || !Nodes.stripCasts(term.get()).span().contains(exponent.span())) {
            return Optional.empty();
        }
        String logName = SourceEdits.freshName(facts, "log2" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        List<TextEdit> edits = new ArrayList<>();
        for (Definition d : facts.definitions(name)) {
            if (d.site() == declaration) {
                String head = context.file().text().substring(declaration.span().start(), declaration.init().span().start());
                edits.add(new TextEdit(declaration.span().start(), declaration.init().span().end(),
                        head.replaceFirst("\\b" + name + "\\b", logName) + "Double.NEGATIVE_INFINITY"));
            } else if (d.site() == update) {
                edits.add(new TextEdit(update.target().span().start(), update.value().span().end(), logName + " = "
                        + LogSumExpFixes.STABLE_MATH + ".logAddExp(" + logName + " * " + LN2 + ", "
                        + SourceEdits.asFactor(exponent, context) + " * " + LN2 + ") / " + LN2));
            } else if (!d.element() && d.isPlain() && MathCalls.isLiteral(d.value(), 0) && d.site() instanceof Stmt.Assign restart) {
                edits.add(TextEdit.replace(restart.target().span(), logName));
                edits.add(TextEdit.replace(restart.value().span(), "Double.NEGATIVE_INFINITY"));
            } else {
                return Optional.empty();
            }
        }
        boolean cured = false;
        for (Expr.VarRead r : DeadCode.readsOf(declaration.id(), facts)) {
            if (update.span().contains(r.span())) {
                continue;
            }
            Optional<Expr.Call> logOfRead = logarithmOf(r, facts);
            if (logOfRead.isEmpty()) {
                edits.add(TextEdit.replace(r.span(), "Math.pow(2, " + logName + ")"));
                continue;
            }
            Expr.Call call = logOfRead.get();
            cured |= call.span().equals(log.span());
            String inBase = MathCalls.logArgument(call).isPresent() ? logName + " * " + LN2
                    : context.text(call).substring(0, Nodes.stripCasts(call.args().get(0)).span().start() - call.span().start())
                            + "2" + context.text(call).substring(Nodes.stripCasts(call.args().get(0)).span().end() - call.span().start())
                            + " * " + logName;
            edits.add(TextEdit.replace(call.span(), boundTighter(call, facts) ? "(" + inBase + ")" : inBase));
        }
        return cured ? Optional.of(Fix.review("Accumulate the base-2 sum in log space with StableMath.logAddExp",
                edits, List.of(LogSumExpFixes.STABLE_MATH))) : Optional.empty();
    }

    /** Whether a product put where {@code e} stands needs parentheses: e is the right operand of *, / or %, or under a unary operator or a cast. */
    private static boolean boundTighter(Expr e, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(x -> x instanceof Expr.Binary b
                && b.right().span().equals(e.span()) && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE
                        || b.op() == BinaryOp.REMAINDER)
                || x instanceof Expr.Unary u && u.operand().span().equals(e.span())
                || x instanceof Expr.Cast c && c.operand().span().equals(e.span()));
    }

    /** The term {@code u} of {@code t += u} or {@code t = t + u}. */
    private static Optional<Expr> termOf(Stmt.Assign update, String name) {
        if (update.op() == AssignOp.ADD) {
            return Optional.of(update.value());
        }
        if (update.op() == AssignOp.ASSIGN && Nodes.stripCasts(update.value()) instanceof Expr.Binary sum
                && sum.op() == BinaryOp.ADD && Nodes.stripCasts(sum.left()) instanceof Expr.VarRead v && v.name().equals(name)) {
            return Optional.of(sum.right());
        }
        return Optional.empty();
    }

    /** The natural log or logarithm helper (as {@code BaseTwoSums} recognises one) whose whole argument is {@code read}. */
    private static Optional<Expr.Call> logarithmOf(Expr.VarRead read, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Call call && call.args().size() == 1
                        && Nodes.stripCasts(call.args().get(0)).span().equals(read.span())
                        && (MathCalls.logArgument(call).isPresent() || facts.context().summary(call)
                                .flatMap(MethodSummary::returned)
                                .filter(r -> r.shape() == MethodSummary.Shape.LOG && r.parameter() == 0)
                                .isPresent()))
                .map(Expr.Call.class::cast).findFirst();
    }
}
