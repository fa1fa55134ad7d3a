package dev.numguard.rules.facts;

import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Whose choice the magnitude of a value is, judged where the value is used: a double reaches
 * 1.34e154 or 1.49e-154 (where its square overflows or underflows) only when something lets it.
 * <ul>
 *   <li>{@link Kind#INPUT}: the value is, with no arithmetic on the way, what a caller hands to
 *       the method: a parameter of a method other code can call (or of a lambda), an element of
 *       such an array, a field or an accessor result of such an object, a field of {@code this}
 *       that a caller's value is stored in (a value class: its constructor or a setter stores a
 *       parameter, or no code of the tree writes it), or the difference or sum of such values (the
 *       coordinates of a distance). Values move through locals, array elements, negation,
 *       {@code abs}, {@code min}, {@code max}, conditionals, running sums, and from a private
 *       helper's parameters to its callers' arguments. A general-purpose function (a norm, a
 *       cosine, {@code asinh}) must accept every double here.</li>
 *   <li>{@link Kind#GROWN}: the magnitude is made by the code: {@code exp}, {@code sinh},
 *       {@code cosh}, a power with a computed exponent, a product accumulated in a loop.</li>
 *   <li>{@link Kind#EXTERNAL}: the value is read from a library (a call outside the analysed
 *       tree, a parsed number) whose scale the code does not show.</li>
 *   <li>{@link Kind#DERIVED}: none of these: the value is computed by the application's own
 *       arithmetic (shifts, scalings, rotations, centring, quotients, objective transforms of
 *       decision variables, model and distribution parameters) or read from another part of the
 *       tree, and its magnitude is set by what it means.</li>
 * </ul>
 * The first that applies, in this order. Each question follows at most {@value #BUDGET}
 * expressions; past that, a value read without arithmetic counts as an input.
 */
public final class InputMagnitudes {
    /** Expressions followed per question at most. */
    private static final int BUDGET = 300;
    private static final int MAX_DEPTH = 12;
    private static final Set<String> MOVES = Set.of("abs", "min", "max", "copySign", "floor", "ceil", "rint");
    private static final Set<String> GROWING = Set.of("exp", "sinh", "cosh", "pow");

    /** Whose choice the magnitude is. */
    public enum Kind { INPUT, GROWN, EXTERNAL, DERIVED }

    /**
     * The verdict, with the source text of the value that decided it (for {@link Kind#EXTERNAL},
     * the library call; {@code null} for {@link Kind#DERIVED}).
     */
    public record Verdict(Kind kind, String source) {
    }

    private final BiPredicate<Expr, MethodFacts> bounded;
    private final Map<Expr, Boolean> inputs = new IdentityHashMap<>();
    private final Set<Expr> seenScan = Collections.newSetFromMap(new IdentityHashMap<>());
    private int steps;
    private String grown;
    private String external;

    private InputMagnitudes(BiPredicate<Expr, MethodFacts> bounded) {
        this.bounded = bounded;
    }

    /**
     * Whose choice the magnitude of {@code values} (read in {@code where}) is; {@code bounded}
     * accepts the values known to stay in range (they decide nothing).
     */
    public static Verdict of(List<Expr> values, MethodFacts where, BiPredicate<Expr, MethodFacts> bounded) {
        InputMagnitudes walk = new InputMagnitudes(bounded);
        for (Expr value : values) {
            if (walk.input(value, where, 0)) {
                return new Verdict(Kind.INPUT, where.context().text(value));
            }
        }
        walk.steps = 0;
        for (Expr value : values) {
            walk.scan(value, where, 0);
        }
        return walk.grown != null ? new Verdict(Kind.GROWN, walk.grown)
                : walk.external != null ? new Verdict(Kind.EXTERNAL, walk.external) : new Verdict(Kind.DERIVED, null);
    }

    /** Whether {@code e} is, without arithmetic, a value a caller chooses (remembered: a value read twice is one answer). */
    private boolean input(Expr e, MethodFacts where, int depth) {
        Expr x = Nodes.stripCasts(e);
        Boolean known = inputs.get(x);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH || ++steps > BUDGET) {
            return true;                                  // past the budget: taken for the caller's
        }
        inputs.put(x, false);                             // a cycle through this value adds nothing
        boolean input = inputNow(x, where, depth);
        inputs.put(x, input);
        return input;
    }

    private boolean inputNow(Expr x, MethodFacts where, int depth) {
        NumericType type = x.type().numeric();
        if (type == NumericType.INT || type == NumericType.LONG || x instanceof Expr.Literal || bounded.test(x, where)) {
            return false;
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return local(v, where, depth);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER) {
            return parameter(v, where, depth);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
            return field(v, where, depth);
        }
        if (x instanceof Expr.ArrayElement a && filledBefore(a, where)) {
            return writes(a, where).stream().allMatch(d -> moves(d.op()))
                    && writes(a, where).stream().anyMatch(d -> d.value() != null && input(d.value(), where, depth + 1));
        }
        if (x instanceof Expr.ArrayElement a) {
            return input(a.array(), where, depth + 1);
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return input(u.operand(), where, depth + 1);
        }
        if (x instanceof Expr.Conditional c) {
            return input(c.whenTrue(), where, depth + 1) || input(c.whenFalse(), where, depth + 1);
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
            // the difference of two inputs (a distance) is as free as they are; a shift by anything else is arithmetic
            return input(b.left(), where, depth + 1) && input(b.right(), where, depth + 1);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
            return input(b.right(), where, depth + 1);     // a quotient by a caller's value: as large as the caller makes it
        }
        if (x instanceof Expr.Call call) {
            return call(call, where, depth);
        }
        // {a, b} holds its elements; new T(a, b) holds its arguments
        return x instanceof Expr.Other o && (o.kind().equals("new-array") && o.children().stream()
                        .allMatch(c -> c.type().numeric().isFloatingPoint()) || o.kind().equals("new"))
                && o.children().stream().anyMatch(c -> input(c, where, depth + 1));
    }

    private boolean local(Expr.VarRead v, MethodFacts where, int depth) {
        for (Stmt.Loop loop : where.loops()) {
            if (loop.kind() == LoopKind.FOR_EACH && loop.element() != null && loop.element().name().equals(v.name())
                    && loop.span().contains(v.span())) {
                return input(loop.iterable(), where, depth + 1);
            }
        }
        List<Definition> definitions = v.type().arrayDimensions() > 0
                ? java.util.stream.Stream.concat(where.elementWritesAll(v.name()).stream(), where.reaching(v).stream()).toList()
                : where.reaching(v);
        if (definitions.isEmpty()) {
            return true;                                  // a value the model does not show: a lambda's parameter
        }
        if (definitions.stream().anyMatch(d -> !moves(d.op()))) {
            return false;                                 // scaled or multiplied in place: arithmetic
        }
        return definitions.stream().anyMatch(d -> d.value() != null && input(d.value(), where, depth + 1));
    }

    /** A plain assignment, or a running sum or difference of the values. */
    private static boolean moves(AssignOp op) {
        return op == AssignOp.ASSIGN || op == AssignOp.ADD || op == AssignOp.SUBTRACT;
    }

    private boolean parameter(Expr.VarRead v, MethodFacts where, int depth) {
        if (Nodes.parameterIndex(v, where.method()) < 0 || !where.method().isPrivate()) {
            return true;                                  // a lambda's parameter, or a method others call
        }
        // a private helper: its values are its callers' arguments
        ValueOrigins callers = ValueOrigins.of(v, where, (e, w) -> e != v);
        return !callers.complete() || callers.origins().stream().anyMatch(o -> o.kind() == ValueOrigins.Kind.INPUT
                || input(o.value(), o.where(), depth + 1));
    }

    private boolean field(Expr.VarRead v, MethodFacts where, int depth) {
        if (v.qualifier() != null && !(Nodes.stripCasts(v.qualifier()) instanceof Expr.Other o
                && (o.kind().equals("this") || o.kind().equals("type")))) {
            return input(v.qualifier(), where, depth + 1);      // data held by an object: the object's
        }
        List<CallSites.Site<Expr>> writes = where.context().project().callSites().writesOf(v.id());
        // a value class: a caller's value stored by a constructor or setter, or state no code of the tree sets
        return writes.isEmpty() || writes.stream().anyMatch(w -> input(w.node(), w.where(), depth + 1));
    }

    /**
     * An element of an array parameter or field that the method writes before the read (an output
     * array filled here): its values are those writes, not the caller's.
     */
    private static boolean filledBefore(Expr.ArrayElement a, MethodFacts where) {
        if (!(Nodes.stripCasts(a.array()) instanceof Expr.VarRead array) || array.kind() == VarKind.LOCAL) {
            return false;                                  // a local array's writes are followed as its definitions
        }
        List<Stmt.Loop> around = where.enclosingLoops(a.span());
        return writes(a, where).stream().anyMatch(d -> d.site() != null && (d.site().span().end() <= a.span().start()
                || around.stream().anyMatch(l -> l.span().contains(d.site().span()))));
    }

    private static List<Definition> writes(Expr.ArrayElement a, MethodFacts where) {
        return Nodes.stripCasts(a.array()) instanceof Expr.VarRead array ? where.elementWritesAll(array.name()) : List.of();
    }

    private boolean call(Expr.Call call, MethodFacts where, int depth) {
        String function = MathCalls.function(call).orElse(null);
        if (function != null) {
            return MOVES.contains(function) && call.args().stream().anyMatch(a -> input(a, where, depth + 1));
        }
        var callee = where.context().callee(call);
        if (callee.isPresent() && callee.get().method().isPrivate() && callee.get().method().body() != null) {
            for (Stmt s : Nodes.statements(callee.get().method().body())) {
                if (s instanceof Stmt.Return r && r.value() != null && input(r.value(), callee.get(), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (call.target() == null && callee.isPresent() && returnsOwnField(callee.get())) {
            return input(Nodes.singleReturnValue(callee.get().method()).orElse(call), callee.get(), depth + 1);
        }
        // an accessor of an object the caller hands over: v.get(i), p.getX(), data.clone()
        return call.target() != null && !(call.target() instanceof Expr.Other o && o.kind().equals("type"))
                && accessor(call, callee.orElse(null)) && input(call.target(), where, depth + 1);
    }

    /**
     * A call that reads data its receiver holds: a method of the tree that returns a field of its
     * object (or hands an index on to another method of its object), or a library's or an
     * interface's method called with no arguments but indices ({@code v.get(i)}, {@code p.getX()}).
     */
    private static boolean accessor(Expr.Call call, MethodFacts callee) {
        if (callee != null && callee.method().body() != null) {
            return returnsOwnField(callee);
        }
        return indicesOnly(call);
    }

    private static boolean indicesOnly(Expr.Call call) {
        return call.args().stream().allMatch(a -> a.type().numeric() == NumericType.INT || a.type().numeric() == NumericType.LONG);
    }

    /** A getter: every value the method returns is a field of its object or an element of one. */
    private static boolean returnsOwnField(MethodFacts method) {
        if (method.method().body() == null) {
            return false;
        }
        List<Expr> returned = Nodes.statements(method.method().body()).stream()
                .filter(s -> s instanceof Stmt.Return r && r.value() != null).map(s -> ((Stmt.Return) s).value()).toList();
        return !returned.isEmpty() && returned.stream().allMatch(InputMagnitudes::ownField);
    }

    private static boolean ownField(Expr e) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.ArrayElement a) {
            return ownField(a.array());
        }
        if (x instanceof Expr.Call c && MathCalls.function(c).isEmpty() && indicesOnly(c)) {
            // doubleValue(long i) { return this.doubleValue((int) i); }: an accessor handing on to another
            return c.target() == null || Nodes.stripCasts(c.target()) instanceof Expr.Other o && o.kind().equals("this");
        }
        return x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && (v.qualifier() == null
                || Nodes.stripCasts(v.qualifier()) instanceof Expr.Other o && o.kind().equals("this"));
    }

    /** Looks, through all arithmetic, for a magnitude the code makes or reads from a library. */
    private void scan(Expr e, MethodFacts where, int depth) {
        Expr x = Nodes.stripCasts(e);
        NumericType type = x.type().numeric();
        if (grown != null || depth > MAX_DEPTH || ++steps > BUDGET || !seenScan.add(x)
                || type == NumericType.INT || type == NumericType.LONG || bounded.test(x, where)) {
            return;                                       // an int or long (a size, a count) squares far inside double
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> definitions = v.type().arrayDimensions() > 0
                    ? java.util.stream.Stream.concat(where.elementWritesAll(v.name()).stream(), where.reaching(v).stream()).toList()
                    : where.reaching(v);
            for (Definition d : definitions) {
                if (d.op() == AssignOp.MULTIPLY && d.value() != null && !bounded.test(Nodes.stripCasts(d.value()), where)
                        && !where.enclosingLoops(d.site().span()).isEmpty()) {
                    grown = where.context().text(d.site().span());     // a product accumulated over a loop
                    return;
                }
                if (d.value() != null) {
                    scan(d.value(), where, depth + 1);
                }
            }
        } else if (x instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER && where.method().isPrivate()
                && Nodes.parameterIndex(v, where.method()) >= 0) {
            ValueOrigins callers = ValueOrigins.of(v, where, (a, w) -> a != v);
            callers.origins().forEach(o -> scan(o.value(), o.where(), depth + 1));
        } else if (x instanceof Expr.ArrayElement a) {
            scan(a.array(), where, depth + 1);
        } else if (x instanceof Expr.Binary b) {
            scan(b.left(), where, depth + 1);
            scan(b.right(), where, depth + 1);
        } else if (x instanceof Expr.Unary u) {
            scan(u.operand(), where, depth + 1);
        } else if (x instanceof Expr.Conditional c) {
            scan(c.whenTrue(), where, depth + 1);
            scan(c.whenFalse(), where, depth + 1);
        } else if (x instanceof Expr.Call call) {
            scanCall(call, where, depth);
        } else if (x instanceof Expr.Other o && o.kind().equals("new-array")) {
            o.children().forEach(c -> scan(c, where, depth + 1));
        }
    }

    private void scanCall(Expr.Call call, MethodFacts where, int depth) {
        String function = MathCalls.function(call).orElse(null);
        if (function != null) {
            boolean computedPower = function.equals("pow") && call.args().size() == 2
                    && !(Nodes.stripCasts(call.args().get(1)) instanceof Expr.Literal);
            if (GROWING.contains(function) && (!function.equals("pow") || computedPower)) {
                grown = where.context().text(call);
            } else {
                call.args().forEach(a -> scan(a, where, depth + 1));
            }
            return;
        }
        var callee = where.context().callee(call);
        if (callee.isPresent() && callee.get().method().isPrivate() && callee.get().method().body() != null) {
            for (Stmt s : Nodes.statements(callee.get().method().body())) {
                if (s instanceof Stmt.Return r && r.value() != null) {
                    scan(r.value(), callee.get(), depth + 1);
                }
            }
        } else if (callee.isEmpty() && external == null
                && where.context().project().classesOfType(call.ownerType()).isEmpty()) {
            external = where.context().text(call);        // a library's result
        }
    }
}
