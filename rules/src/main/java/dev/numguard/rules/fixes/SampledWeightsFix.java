package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unnormalised weights of a categorical draw, each a product of probabilities (a Gibbs
 * sampler's {@code w[t] = prior; for (..) w[t] *= likelihood;} over every topic {@code t}, then
 * {@code sample(w)}), kept in log space: {@code w[t] = Math.log(prior)}, {@code w[t] +=
 * Math.log(likelihood)}, and after the loop {@code StableMath.softmax(w, w)} turns the logs back
 * into weights, shifted by their maximum and normalised to sum 1. A draw, an argmax or a
 * normalisation of {@code w} is unchanged by that scale; a use of the absolute product is not,
 * hence review.
 *
 * <p>Offered only when the loop over {@code t} fills the whole array ({@code t < w.length}, or
 * the bound every allocation of {@code w} in the class uses), writes {@code w} only in the start
 * and the product, reads it nowhere else, and every later read of {@code w} in the method passes
 * the whole array to a call.
 */
public final class SampledWeightsFix {
    private static final Pattern ALLOCATION = Pattern.compile("new\\s+double\\s*\\[(.+)]\\s*");

    private SampledWeightsFix() {
    }

    /** The fix for the product update {@code w[t] *= factor}. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        ClassFacts context = facts.context();
        if (update.op() != AssignOp.MULTIPLY || !(Nodes.stripCasts(update.target()) instanceof Expr.ArrayElement cell)
                || !(Nodes.stripCasts(cell.array()) instanceof Expr.VarRead w) || !(Nodes.stripCasts(cell.index()) instanceof Expr.VarRead t)
                || !w.type().isFloatingVector() || w.type().numeric() != NumericType.DOUBLE) {
            return Optional.empty();
        }
        Optional<Stmt.Loop> overT = facts.enclosingLoops(update.span()).stream()
                .filter(l -> l.kind() == LoopKind.FOR && t.name().equals(l.inductionVariable())).findFirst();
        if (overT.isEmpty() || !(overT.get().condition() instanceof Expr.Binary below) || below.op() != BinaryOp.LESS
                || !(Nodes.stripCasts(below.left()) instanceof Expr.VarRead counter) || !counter.name().equals(t.name())
                || !fillsWholeArray(w.name(), context.text(below.right()), context)) {
            return Optional.empty();
        }
        Stmt.Loop loop = overT.get();
        List<Stmt.Assign> writes = new ArrayList<>();
        for (Stmt s : Nodes.statements(loop.body())) {
            if (s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement e
                    && Nodes.stripCasts(e.array()) instanceof Expr.VarRead v && v.name().equals(w.name())) {
                writes.add(a);
            }
        }
        Stmt.Assign start = writes.isEmpty() ? null : writes.get(0);
        if (writes.size() != 2 || writes.get(1) != update || start.op() != AssignOp.ASSIGN || !sameIndex(start, t.name())
                || innermost(facts.enclosingLoops(start.span())) != loop || readsElsewhere(w.name(), loop, writes, facts)) {
            return Optional.empty();
        }
        String log = "Math.log(";
        String separator = context.lineSeparator();
        List<TextEdit> edits = new ArrayList<>(List.of(
                TextEdit.insert(start.value().span().start(), log), TextEdit.insert(start.value().span().end(), ")"),
                TextEdit.insert(update.value().span().start(), log), TextEdit.insert(update.value().span().end(), ")"),
                TextEdit.insert(loop.span().end(), separator + context.indentationAt(loop.span().start())
                        + LogSumExpFixes.STABLE_MATH + ".softmax(" + w.name() + ", " + w.name() + ");")));
        int operator = context.file().text().indexOf("*=", update.target().span().end());
        if (operator < 0 || operator >= update.value().span().start()) {
            return Optional.empty();
        }
        edits.add(new TextEdit(operator, operator + 2, "+="));
        return Optional.of(Fix.review("Keep the weights' logs and normalise them with StableMath.softmax (a draw from "
                + w.name() + " is unchanged; its absolute values now sum to 1)", edits, List.of(LogSumExpFixes.STABLE_MATH)));
    }

    private static Stmt.Loop innermost(List<Stmt.Loop> outermostFirst) {
        return outermostFirst.isEmpty() ? null : outermostFirst.get(outermostFirst.size() - 1);
    }

    private static boolean sameIndex(Stmt.Assign start, String t) {
        return Nodes.stripCasts(start.target()) instanceof Expr.ArrayElement e
                && Nodes.stripCasts(e.index()) instanceof Expr.VarRead i && i.name().equals(t);
    }

    /** {@code bound} is {@code w.length}, or the size every {@code w = new double[size]} of the class uses. */
    static boolean fillsWholeArray(String w, String bound, ClassFacts context) {
        if (bound.equals(w + ".length")) {
            return true;
        }
        List<String> sizes = new ArrayList<>();
        for (MethodFacts m : context.methodsWithBodies()) {
            for (Stmt s : Nodes.statements(m.method().body())) {
                Expr value = s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v
                        && v.name().equals(w) ? a.value() : s instanceof Stmt.LocalDecl d && d.name().equals(w) ? d.init() : null;
                if (value != null) {
                    Matcher allocation = ALLOCATION.matcher(context.text(value));
                    sizes.add(allocation.matches() ? allocation.group(1).trim() : "");
                }
            }
        }
        return !sizes.isEmpty() && sizes.stream().allMatch(bound::equals);
    }

    /** {@code w} is read in the loop outside its two writes' targets, or after it other than as a call argument. */
    private static boolean readsElsewhere(String w, Stmt.Loop loop, List<Stmt.Assign> writes, MethodFacts facts) {
        List<Expr> wholeArguments = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Call c) {
                c.args().stream().filter(a -> Nodes.stripCasts(a) instanceof Expr.VarRead v && v.name().equals(w))
                        .forEach(wholeArguments::add);
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (!(e instanceof Expr.VarRead v) || !v.name().equals(w)) {
                continue;
            }
            boolean target = writes.stream().anyMatch(a -> a.target().span().contains(v.span()));
            boolean argument = wholeArguments.stream().anyMatch(a -> a.span().contains(v.span()));
            boolean inLoop = loop.span().contains(v.span());
            if (inLoop ? !target : !argument && v.span().start() > loop.span().end()) {
                return true;
            }
        }
        return false;
    }
}
