package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fix of the variance of a probability mass, {@code Σp·x² − (Σp·x)²} (the information of a
 * test item, the spread of a score under its category probabilities), with both sums locals of
 * one counted loop: the loop accumulates {@code p·(x − K)²} and {@code p·(x − K)}, K the value of
 * its first iteration, and the formula stays as written.
 *
 * <p>With masses that sum to one the shifted formula equals the original in exact arithmetic
 * (Σp·(x−K)² − (Σp·(x−K))² = Σp·x² − (Σp·x)² − 2K·Σp·x·(1 − Σp) + K²·Σp·(1 − Σp)), and its
 * rounding error scales with the spread of x around K instead of with x². Nothing proves that the
 * masses sum to one (probabilities computed in floating point sum to one only to rounding, and
 * then the original's result carries about mean²·(1 − Σp) of noise the fix drops), so it is a review fix.
 * A RunningStats cannot take these sums over: its weighted variance divides by Σp, which the
 * formula does not, and it rejects the negative weights nothing here rules out.
 *
 * <p>Offered only where every read of the two sums is understood: each starts at zero, is updated
 * directly in the body of one counted loop that every iteration runs through, writes nothing else,
 * and is read after the loop only inside the cancellation, but for the first moment read as the
 * mean (an expected score), which becomes {@code (K + Σp·(x − K))}; the value x reads the same from the
 * first update to the last and is written directly in both terms (as {@code x * x} or
 * {@code pow(x, 2)} in the second moment).
 */
public final class ShiftedMassMomentsFix {

    /** Values a float shift can hold without a cast. */
    private static final Set<NumericType> FLOAT_VALUES = EnumSet.of(NumericType.FLOAT, NumericType.INT,
            NumericType.LONG);

    private ShiftedMassMomentsFix() {
    }

    /** One moment sum: its accumulation, its declaration, and the occurrences of x in its term as written. */
    private record Moment(Reduction reduction, Stmt.LocalDecl declaration, List<Expr> factors, List<Expr> values) {
    }

    /** The fix, when {@code c} is Σp·x² − (Σp·x)² over the local sums of one counted loop. */
    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (!c.weighted() || c.covariance() || c.nPower() != 0 || !LoopRunningStatsFix.counts(c).isEmpty()
                || !c.left().denominators().isEmpty() || !c.right().denominators().isEmpty()
                || c.left().sums().size() != 1 || c.right().sums().size() != 2) {
            return Optional.empty();
        }
        List<Reduction> reductions = new ArrayList<>();
        for (Object o : LoopRunningStatsFix.concat(c.left().reductions(), c.right().reductions())) {
            if (!(o instanceof Reduction r)) {
                return Optional.empty();
            }
            if (!reductions.contains(r)) {
                reductions.add(r);
            }
        }
        if (reductions.size() != 2 || !c.right().reductions().stream().allMatch(r -> r.equals(c.right().reductions().get(0)))) {
            return Optional.empty();
        }
        Reduction secondSum = (Reduction) c.left().reductions().get(0);
        Reduction firstSum = (Reduction) c.right().reductions().get(0);
        Stmt.Loop loop = secondSum.loop();
        if (secondSum == firstSum || loop == null || firstSum.loop() != loop || !(loop.body() instanceof Stmt.Block body)
                || ShiftedSumsFix.start(loop) == null || !ShiftedSumsFix.runsThrough(loop)
                || subtraction.span().start() < loop.span().end()) {
            return Optional.empty();
        }
        for (Reduction r : reductions) {
            Stmt.LocalDecl d = facts.declaration(r.variable());
            if (r.kind() != ReductionKind.SUM || r.variableKind() != VarKind.LOCAL || r.subtracted()
                    || !(r.update() instanceof Stmt.Assign) || !body.statements().contains(r.update()) || d == null
                    || !LoopRunningStatsFix.startsAtZero(d) || !LoopRunningStatsFix.onlyWrittenBy(r, facts)) {
                return Optional.empty();
            }
        }
        Optional<Moment[]> moments = moments(secondSum, firstSum, facts);
        if (moments.isEmpty()) {
            return Optional.empty();
        }
        Moment second = moments.get()[0];
        Moment first = moments.get()[1];
        // the sums are read after the loop only in the formula, but for the first moment read as the mean Σp·x
        // elsewhere, which gets K added back; a mean that feeds the formula through a local would change it
        List<Expr.VarRead> means = new ArrayList<>();
        for (Moment m : List.of(second, first)) {
            for (Expr.VarRead read : DeadCode.readsOf(m.declaration().id(), facts)) {
                if (m.reduction().update().span().contains(read.span()) || subtraction.span().contains(read.span())) {
                    continue;
                }
                if (m != first || read.span().start() < loop.span().end() || feedsFormula(read, subtraction, facts)) {
                    return Optional.empty();
                }
                means.add(read);
            }
        }
        Expr x = first.values().get(0);
        int firstUpdate = Math.min(second.reduction().update().span().start(), first.reduction().update().span().start());
        int lastUpdate = Math.max(second.reduction().update().span().end(), first.reduction().update().span().end());
        if (Nodes.expressions(x).stream().anyMatch(e -> e instanceof Expr.Call)
                || !ShiftedSumsFix.stableBetween(x, firstUpdate, lastUpdate, loop, facts)) {
            return Optional.empty();
        }
        String type = shiftType(second, first, x);
        if (type == null) {
            return Optional.empty();
        }

        ClassFacts context = facts.context();
        String shift = SourceEdits.freshName(facts, "shift" + Nodes.expressions(Nodes.stripCasts(x)).stream()
                .filter(e -> e instanceof Expr.VarRead r && !r.name().equals(loop.inductionVariable()))
                .map(e -> ShiftedSumsFix.capitalised(((Expr.VarRead) e).name())).findFirst().orElse(""));
        String shifted = SourceEdits.asAdditiveOperand(x, context) + " - " + shift;
        List<TextEdit> edits = new ArrayList<>();
        for (Moment m : List.of(second, first)) {
            for (Expr v : m.values()) {
                // x as an argument of pow(x, 2) needs no parentheses, as a factor of a product it does
                boolean argument = m.factors().stream().anyMatch(t -> t instanceof Expr.Call && t.span().contains(v.span()));
                edits.add(TextEdit.replace(v.span(), argument ? shifted : "(" + shifted + ")"));
            }
        }
        for (Expr.VarRead mean : means) {
            edits.add(TextEdit.replace(mean.span(),
                    SourceEdits.ungroupedWhereStandalone("(" + shift + " + " + mean.name() + ")", mean, facts)));
        }
        String indent = ShiftedSumsFix.indentOf(firstUpdate, context);
        String unit = SourceEdits.indentUnit(loop, context);
        edits.add(new TextEdit(firstUpdate, firstUpdate, "if (" + loop.inductionVariable() + " == "
                + context.text(ShiftedSumsFix.start(loop)) + ") {\n" + indent + unit + shift + " = " + context.text(x)
                + ";\n" + indent + "}\n" + indent));
        // the declaration replaces the loop keyword with itself after it, so that the same fix offered for
        // another formula of these sums is recognised as already applied
        String text = context.file().text();
        int keywordEnd = loop.span().start();
        while (keywordEnd < text.length() && Character.isJavaIdentifierPart(text.charAt(keywordEnd))) {
            keywordEnd++;
        }
        edits.add(new TextEdit(loop.span().start(), keywordEnd, type + " " + shift + " = 0;\n"
                + ShiftedSumsFix.indentOf(loop.span().start(), context) + text.substring(loop.span().start(), keywordEnd)));
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int k = 1; k < edits.size(); k++) {
            if (edits.get(k).start() < edits.get(k - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Accumulate the moments of the values shifted by their first value (the same "
                + "variance where the masses sum to one)", edits, List.of()));
    }

    /** The read sits in a statement that writes a local the formula reads. */
    private static boolean feedsFormula(Expr.VarRead read, Expr.Binary subtraction, MethodFacts facts) {
        Stmt innermost = null;
        for (Stmt st : facts.statements()) {
            if (st.span().contains(read.span()) && (innermost == null || innermost.span().contains(st.span()))) {
                innermost = st;
            }
        }
        String written = innermost instanceof Stmt.LocalDecl d ? d.name()
                : innermost instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v
                && v.kind() == VarKind.LOCAL ? v.name() : null;
        return innermost == null || written != null && Nodes.expressions(subtraction).stream()
                .anyMatch(e -> e instanceof Expr.VarRead r && r.kind() == VarKind.LOCAL && r.name().equals(written));
    }

    /**
     * The second moment Σp·x·x and the first Σp·x as written: the factor the second has twice and
     * the first once is x, the rest (not empty, without x) the mass; null unless the terms are so.
     */
    private static Optional<Moment[]> moments(Reduction secondSum, Reduction firstSum, MethodFacts facts) {
        List<Expr> secondFactors = factors(secondSum.term());
        List<Expr> firstFactors = factors(firstSum.term());
        List<Expr> secondTerms = LoopRunningStatsFix.factors(secondSum.term());
        List<Expr> firstTerms = LoopRunningStatsFix.factors(firstSum.term());
        for (Expr x : firstFactors) {
            List<Expr> mass = new ArrayList<>(firstFactors);
            mass.remove(x);
            List<Expr> expected = new ArrayList<>(firstFactors);
            expected.add(x);
            if (mass.isEmpty() || mass.stream().anyMatch(m -> Nodes.sameShape(m, x)) || x instanceof Expr.Literal
                    || !LoopRunningStatsFix.sameFactors(secondFactors, expected)) {
                continue;
            }
            List<Expr> inSecond = occurrences(secondFactors, x);
            if (inSecond.size() != 2 || occurrences(firstFactors, x).size() != 1) {
                continue;
            }
            // pow(x, 2) lists x twice, and both entries are the one argument to shift
            List<Expr> secondValues = inSecond.get(0) == inSecond.get(1) ? List.of(inSecond.get(0)) : inSecond;
            return Optional.of(new Moment[] {
                new Moment(secondSum, facts.declaration(secondSum.variable()), secondTerms, secondValues),
                new Moment(firstSum, facts.declaration(firstSum.variable()), firstTerms, List.of(x))});
        }
        return Optional.empty();
    }

    /** The factors of a product as written, casts looked through; {@code pow(x, 2)} is x, x. */
    static List<Expr> factors(Expr e) {
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            List<Expr> out = new ArrayList<>(factors(b.left()));
            out.addAll(factors(b.right()));
            return out;
        }
        Optional<Expr> squared = MathCalls.squared(r);
        if (squared.isPresent()) {
            Expr base = Nodes.stripCasts(squared.get());
            return List.of(base, base);
        }
        return List.of(r);
    }

    private static List<Expr> occurrences(List<Expr> factors, Expr x) {
        return factors.stream().filter(f -> Nodes.sameShape(f, x)).toList();
    }

    /** {@code double}, or {@code float} for float sums of float (or integer) values; null for mixed sums. */
    private static String shiftType(Moment second, Moment first, Expr x) {
        NumericType a = ((Stmt.Assign) second.reduction().update()).target().type().numeric();
        NumericType b = ((Stmt.Assign) first.reduction().update()).target().type().numeric();
        if (a == NumericType.DOUBLE && b == NumericType.DOUBLE) {
            return "double";
        }
        return a == NumericType.FLOAT && b == NumericType.FLOAT && FLOAT_VALUES.contains(x.type().numeric())
                ? "float" : null;
    }

    /**
     * Both sums of {@code c} already accumulate a mass times shifted data, {@code p·(x − k)²} and
     * {@code p·(x − k)}, with k a local the loop sets to x (as this fix writes it): only the spread
     * of x around k is left to cancel.
     */
    public static boolean alreadyShifted(Cancellation c, MethodFacts facts) {
        List<Object> all = LoopRunningStatsFix.concat(c.left().reductions(), c.right().reductions());
        if (!c.weighted() || all.isEmpty()) {
            return false;
        }
        List<Expr> mass = null;
        for (Object o : all) {
            if (!(o instanceof Reduction r) || r.loop() == null) {
                return false;
            }
            List<Expr> rest = new ArrayList<>();
            int shiftedFactors = 0;
            for (Expr f : factors(r.term())) {
                if (shiftedInLoop(f, r.loop(), facts)) {
                    shiftedFactors++;
                } else {
                    rest.add(f);
                }
            }
            if (shiftedFactors == 0 || rest.isEmpty() || mass != null && !LoopRunningStatsFix.sameFactors(mass, rest)) {
                return false;
            }
            mass = rest;
        }
        return true;
    }

    /** {@code v − k}, with k a local that the loop sets to v. */
    private static boolean shiftedInLoop(Expr e, Stmt.Loop loop, MethodFacts facts) {
        return Nodes.stripCasts(e) instanceof Expr.Binary d && d.op() == BinaryOp.SUBTRACT
                && Nodes.stripCasts(d.right()) instanceof Expr.VarRead k && k.kind() == VarKind.LOCAL
                && facts.definitions(k.name()).stream().anyMatch(def -> loop.span().contains(def.site().span())
                && def.value() != null && Nodes.sameShape(Nodes.stripCasts(def.value()), Nodes.stripCasts(d.left())));
    }
}
