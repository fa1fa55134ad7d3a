package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a norm is taken only of vectors of random draws: arrays whose every element is a uniform
 * draw ({@code rng.nextDouble()}, {@code Math.random()}), perhaps rescaled in place by a positive
 * total ({@code w[i] /= sum}: points on the simplex), filled in the method or by a project helper
 * that returns such an array ({@code double[] p = Vector.uniform(3)}). Such a norm is 0 only when
 * every draw is exactly 0 (probability 2^-53 per draw), so a division by it needs no ε: it is how
 * random directions and reference points are sampled.
 */
public final class DrawnVectors {
    private static final Set<String> UNIFORM_DRAWS = Set.of("random", "nextDouble", "nextFloat");
    private static final int MAX_DEPTH = 6;

    private DrawnVectors() {
    }

    /** Whether {@code divisor} reads, through locals, nothing but arrays of draws (and at least one). */
    public static boolean only(Expr divisor, MethodFacts facts) {
        boolean[] found = {false};
        return readsOnlyDraws(divisor, facts, 0, found) && found[0];
    }

    private static boolean readsOnlyDraws(Expr e, MethodFacts facts, int depth, boolean[] found) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (Expr x : Nodes.expressions(e)) {
            if (!(x instanceof Expr.VarRead v) || !v.type().numeric().isFloatingPoint()) {
                continue; // loop indices and counts cannot make the norm 0
            }
            if (v.type().arrayDimensions() == 1 && v.kind() == VarKind.LOCAL && drawnArray(v, facts, depth)) {
                found[0] = true;
                continue;
            }
            List<Definition> definitions = v.kind() == VarKind.LOCAL ? facts.definitionsAt(v) : List.of();
            if (definitions.isEmpty() || !definitions.stream().allMatch(d -> d.value() != null
                    && readsOnlyDraws(d.value(), facts, depth + 1, found))) {
                return false;
            }
        }
        return true;
    }

    /** A local array whose every reaching definition is a fresh array of draws. */
    private static boolean drawnArray(Expr.VarRead array, MethodFacts facts, int depth) {
        List<Definition> definitions = facts.definitionsAt(array);
        return !definitions.isEmpty() && definitions.stream().allMatch(d -> d.isPlain() && !d.element()
                && (filledWithDraws(array.name(), facts) || returnedByDrawingHelper(d.value(), facts, depth)));
    }

    /** {@code double[] p = helper(…)} where the project's helper returns a local array filled with draws. */
    private static boolean returnedByDrawingHelper(Expr value, MethodFacts facts, int depth) {
        if (!(Nodes.stripCasts(value) instanceof Expr.Call call) || depth > MAX_DEPTH) {
            return false;
        }
        Optional<MethodFacts> helper = facts.context().project().callee(call, facts.context());
        if (helper.isEmpty() || helper.get().method() == facts.method()) {
            return false;
        }
        Optional<Expr> returned = Nodes.singleReturnValue(helper.get().method());
        return returned.isPresent() && Nodes.stripCasts(returned.get()) instanceof Expr.VarRead r
                && r.kind() == VarKind.LOCAL && filledWithDraws(r.name(), helper.get());
    }

    /**
     * Every element write of the local array {@code name} stores a uniform draw, divides the
     * element by a total ({@code w[i] /= sum}: 0 only if the draws were) or is computed from the
     * array's own elements; at least one stores a draw.
     */
    private static boolean filledWithDraws(String name, MethodFacts facts) {
        // a write computed from the array itself (f[i] = 1 - f[i] / norm) transforms the draws once they are made
        List<Definition> writes = facts.elementWritesAll(name).stream()
                .filter(d -> d.value() == null || !d.isPlain() || !Nodes.mentions(d.value(), name)).toList();
        return writes.stream().anyMatch(d -> d.isPlain() && isDraw(d.value()))
                && writes.stream().allMatch(d -> d.isPlain() ? isDraw(d.value())
                        : d.op() == AssignOp.DIVIDE && d.value() != null);
    }

    private static boolean isDraw(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Call call && call.args().isEmpty()
                && UNIFORM_DRAWS.contains(call.name());
    }
}
