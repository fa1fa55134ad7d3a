package dev.numguard.rules.fixes;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;

/**
 * Whether an expression taken from a definition can be written again where a value defined from it
 * is read, and still mean the same: a fix that rewrites {@code log(p)} into {@code logSigmoid(z)}
 * with {@code p = sigmoid(z)} defined earlier needs {@code z} unchanged at the logarithm.
 */
public final class ValueAtUse {
    private ValueAtUse() {
    }

    /**
     * True when {@code e}, written at {@code site}, names the same value at {@code read}: nothing it
     * reads is written in between, both sit in the same loops, it reads no mutable field and calls
     * nothing but math functions.
     */
    public static boolean stillNamed(Expr e, SourceSpan site, Expr read, MethodFacts facts) {
        if (!facts.enclosingLoops(site).equals(facts.enclosingLoops(read.span()))) {
            return false;
        }
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.Call c && !MathCalls.isMathOwner(c.ownerType())
                    || x instanceof Expr.Unary u && u.op().assigns() || x instanceof Expr.Other) {
                return false;
            }
            if (x instanceof Expr.VarRead v) {
                if (v.kind() == VarKind.FIELD) {
                    if (!v.ownField() || !facts.context().clazz().field(v.name()).map(f -> f.isFinal()).orElse(false)) {
                        return false;
                    }
                } else if (facts.definitions(v.name()).stream().map(d -> d.site().span())
                        .anyMatch(s -> s.start() >= site.end() && s.end() <= read.span().start())) {
                    return false;
                }
            }
        }
        return true;
    }
}
