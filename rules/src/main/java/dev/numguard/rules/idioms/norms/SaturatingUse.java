package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a norm's overflow to Infinity or underflow to 0 cannot change what the code computes
 * from it: its value, scaled or shifted by other values, is only compared ({@code norm < limit}:
 * Infinity and a huge norm, 0 and a tiny one, fall on the same side) or only exponentiated
 * ({@code exp(-c * norm)}: exp is already 0 or Infinity for a norm too large for its squares,
 * and exp(±tiny) is 1 either way), or only converted to an integer ({@code (int) Math.round(norm)}:
 * a pixel count, a number of steps; Infinity converts as any norm above 2^63 does, and a norm
 * below 1e-154 rounds to 0 anyway). Followed through one local holding the norm, also one summing
 * several norms ({@code a = sqrt(..); a += sqrt(..); if (a > threshold)}).
 */
public final class SaturatingUse {
    private static final Set<BinaryOp> ARITHMETIC = EnumSet.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY,
            BinaryOp.DIVIDE);
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL);

    private SaturatingUse() {
    }

    /** Whether every use of {@code norm}'s value saturates (see the class comment). */
    public static boolean of(Expr norm, MethodFacts facts) {
        Expr outer = arithmeticAround(norm, facts);
        Optional<Expr> consumer = parent(outer, facts);
        if (consumer.isPresent()) {
            return saturates(consumer.get());
        }
        VarId holder = holder(outer, facts);
        if (holder == null) {
            return false;
        }
        boolean used = false;
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.VarRead read && holder.equals(read.id()) && !writtenBy(read, facts)) {
                Optional<Expr> around = parent(arithmeticAround(read, facts), facts);
                if (around.isEmpty() || !saturates(around.get())) {
                    return false;
                }
                used = true;
            }
        }
        return used;
    }

    private static boolean saturates(Expr consumer) {
        return consumer instanceof Expr.Binary b && COMPARISONS.contains(b.op())
                || consumer instanceof Expr.Call call && (MathCalls.call(call, "exp", 1).isPresent()
                        || MathCalls.call(call, "round", 1).isPresent())
                || consumer instanceof Expr.Cast cast && integral(cast);
    }

    /**
     * A conversion to an integer type: Infinity and every norm above the type's range give its
     * largest value alike, and 0 and every norm below one half give 0.
     */
    private static boolean integral(Expr.Cast cast) {
        NumericType type = cast.type().numeric();
        return type == NumericType.INT || type == NumericType.LONG
                || Set.of("short", "byte", "char").contains(cast.type().name());
    }

    /** The largest expression around {@code e} built from it by arithmetic with other values. */
    private static Expr arithmeticAround(Expr e, MethodFacts facts) {
        Expr current = e;
        for (Optional<Expr> p = parent(current, facts); p.isPresent(); p = parent(current, facts)) {
            Expr x = p.get();
            boolean arithmetic = x instanceof Expr.Binary b && ARITHMETIC.contains(b.op())
                    || x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE
                    || x instanceof Expr.Cast cast && !integral(cast);
            if (!arithmetic) {
                break;
            }
            current = x;
        }
        return current;
    }

    /** Whether {@code read} is the target of an assignment: a write, not a use of the value. */
    private static boolean writtenBy(Expr.VarRead read, MethodFacts facts) {
        return facts.nodes().stream().anyMatch(n -> n instanceof Stmt.Assign a && a.target() == read);
    }

    /**
     * The local a whole statement stores {@code value} in ({@code double n = value;}, {@code n = value;}),
     * or adds it to ({@code n += value;}: a sum of norms is compared as its terms would be).
     */
    private static VarId holder(Expr value, MethodFacts facts) {
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.LocalDecl d && d.init() == value) {
                return d.id();
            }
            if (node instanceof Stmt.Assign a && (a.op() == AssignOp.ASSIGN || a.op() == AssignOp.ADD)
                    && a.value() == value
                    && a.target() instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                return v.id();
            }
        }
        return null;
    }

    /** The smallest expression of the method that has {@code e} as a direct child. */
    private static Optional<Expr> parent(Expr e, MethodFacts facts) {
        for (Object node : facts.nodes()) {
            if (node instanceof Expr x && x.children().stream().anyMatch(c -> c == e)) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }
}
