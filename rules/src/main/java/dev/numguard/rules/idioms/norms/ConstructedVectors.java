package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.CallSites;
import dev.numguard.rules.facts.CalleeWrites;
import dev.numguard.rules.facts.CallerArguments;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.FieldElementWrites;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a norm is taken only of vectors that are no data: arrays the project builds from
 * integers and constants alone (a lattice of reference directions, a grid of weights, fixed
 * directions), never from a floating-point value, an array element or a collection element that a
 * caller, a file or another object supplies. Such a vector is the same in every run for the same
 * integer configuration (sizes, counts of divisions); whether it is 0 is decided by the code, not
 * by an input, so the premise of a missing ε (a zero vector or a constant column is ordinary
 * data) does not hold for it.
 *
 * <p>The vector is followed backwards from the values the divisor reads:
 * <ul>
 *   <li>through locals, the rows of an array ({@code weights[j]}), the callers of a private method
 *       (every argument passed for its parameter), and the writes of a field of the class (every
 *       value the tree assigns to it; a field no code writes, or one a constructor fills from a
 *       parameter, is the caller's);</li>
 *   <li>into a copy or conversion the library makes of such a vector ({@code list.toArray(..)},
 *       {@code v.clone()}), with no other floating-point argument;</li>
 *   <li>to the result of a method of the project that <em>reads no data</em>, together with every
 *       method of the project it calls: no floating-point or array field but a constant, no array
 *       field's element, no floating-point, array or object parameter of a method other code can
 *       call (only the private methods' parameters that the checked methods themselves pass), no
 *       int field written outside a constructor (a running count), no object read out of a field
 *       or from a library method other than sizes and booleans, no lambda, no abstract method
 *       returning a floating-point value or an object.</li>
 * </ul>
 * Every element write of the vector on the way must be a rescaling ({@code w[i] /= d},
 * {@code w[i] = w[i] / d}, the very normalisation being judged), and every helper the divisor calls
 * must compute from its arguments alone. Each question follows at most {@value #BUDGET} values and
 * {@value #MAX_METHODS} methods.
 */
public final class ConstructedVectors {
    private static final int BUDGET = 200;
    private static final int MAX_METHODS = 24;
    private static final int MAX_DEPTH = 10;

    private final Map<Expr, Boolean> made = new IdentityHashMap<>();
    private final Set<MethodModel> dataFree = Collections.newSetFromMap(new IdentityHashMap<>());
    private int steps;
    private boolean found;

    private ConstructedVectors() {
    }

    /** Whether {@code divisor}, read in {@code facts}' method, is a norm of nothing but such vectors (at least one). */
    public static boolean only(Expr divisor, MethodFacts facts) {
        ConstructedVectors walk = new ConstructedVectors();
        return walk.readsOnlyMade(divisor, facts, 0) && walk.found;
    }

    /** Every floating-point value {@code e} reads, through locals and helpers, is a constructed vector. */
    private boolean readsOnlyMade(Expr e, MethodFacts facts, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.Lambda) {
                return false;
            }
            if (x instanceof Expr.Call call && MathCalls.function(call).isEmpty() && !pureHelper(call, facts, depth)) {
                return false;
            }
            if (!(x instanceof Expr.VarRead v) || !(v.type().numeric().isFloatingPoint() || v.type().arrayDimensions() > 0)) {
                continue;                                   // indices, sizes and counts cannot make a norm 0
            }
            if (v.type().arrayDimensions() > 0) {
                if (!madeArray(v, facts, depth + 1)) {
                    return false;
                }
                found = true;
                continue;
            }
            List<Definition> definitions = v.kind() == VarKind.LOCAL ? facts.definitionsAt(v) : List.of();
            if (definitions.isEmpty() || !definitions.stream().allMatch(d -> d.value() != null && !d.element()
                    && readsOnlyMade(d.value(), facts, depth + 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A helper of the project called in the divisor ({@code normVector(w)}) that computes from its
     * arguments alone: it reads no floating-point, array or object field (an object only as the
     * receiver of a call returning a size), and calls nothing but math functions, methods returning
     * sizes, and helpers of the same kind.
     */
    private static boolean pureHelper(Expr.Call call, MethodFacts facts, int depth) {
        Optional<MethodFacts> callee = facts.context().callee(call);
        if (depth > MAX_DEPTH || callee.isEmpty() || callee.get().method().body() == null
                || callee.get().method() == facts.method()) {
            return false;
        }
        MethodFacts helper = callee.get();
        Set<Expr> sizeTargets = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object node : helper.nodes()) {
            if (node instanceof Expr.Call c && c.target() != null && !carriesValues(returned(c, helper))) {
                sizeTargets.add(Nodes.stripCasts(c.target()));
            }
        }
        for (Object node : helper.nodes()) {
            if (node instanceof Expr.Lambda) {
                return false;
            }
            if (node instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && carriesValues(v.type())
                    && !Constants.isConstantField(v, helper) && !sizeTargets.contains(v)) {
                return false;
            }
            if (node instanceof Expr.Call c && MathCalls.function(c).isEmpty() && carriesValues(returned(c, helper))
                    && !pureHelper(c, helper, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The type of {@code call}'s value; where the front end could not tell, the return type the
     * project's declarations of the method (abstract ones included) agree on.
     */
    private static TypeInfo returned(Expr.Call call, MethodFacts where) {
        if (!call.type().name().equals("?")) {
            return call.type();
        }
        var project = where.context().project();
        List<TypeInfo> declared = (call.ownerType().equals("?") ? List.of(where.context())
                : project.classesNamed(call.ownerType())).stream()
                .flatMap(c -> c.clazz().methodsNamed(call.name()).stream())
                .filter(m -> m.parameters().size() == call.args().size())
                .map(MethodModel::returnType).distinct().toList();
        return declared.size() == 1 ? declared.get(0) : call.type();
    }

    /** A floating-point value, an array or an object: what can carry data (not an int, long or boolean). */
    private static boolean carriesValues(TypeInfo type) {
        return type.arrayDimensions() > 0 || type.numeric().isFloatingPoint()
                || type.numeric() == NumericType.OTHER && !type.name().equals("boolean") && !type.name().equals("void");
    }

    /** Whether {@code e}, read in {@code where}, is an array (or a collection of arrays) the project constructs from no data. */
    private boolean madeArray(Expr e, MethodFacts where, int depth) {
        Expr x = Nodes.stripCasts(e);
        Boolean known = made.get(x);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH || ++steps > BUDGET) {
            return false;
        }
        made.put(x, false);                                 // a cycle through this value proves nothing
        boolean answer = madeNow(x, where, depth);
        made.put(x, answer);
        return answer;
    }

    private boolean madeNow(Expr x, MethodFacts where, int depth) {
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> definitions = where.definitionsAt(v).stream().filter(d -> !d.element()).toList();
            return !definitions.isEmpty() && rescalesOnly(where.elementWritesAll(v.name()))
                    && definitions.stream().allMatch(d -> d.isPlain() && d.value() != null
                            && madeArray(d.value(), where, depth + 1));
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER) {
            Optional<List<CallerArguments>> callers = callers(where, v);
            return callers.isPresent() && rescalesOnly(where.elementWritesAll(v.name()))
                    && callers.get().stream().allMatch(c -> madeArray(c.argument(), c.caller(), depth + 1));
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
            return field(v, where, depth);            // whichever object holds it: every write in the tree is judged
        }
        if (x instanceof Expr.ArrayElement row) {
            return madeArray(row.array(), where, depth + 1);
        }
        if (x instanceof Expr.Call call) {
            return madeByCall(call, where, depth);
        }
        return false;
    }

    /** A field of this object or class, every value assigned to it constructed, its elements only rescaled. */
    private boolean field(Expr.VarRead v, MethodFacts where, int depth) {
        var project = where.context().project();
        List<CallSites.Site<Expr>> writes = project.callSites().writesOf(v.id());
        List<CalleeWrites.Write> elementWrites = FieldElementWrites.of(v.id(), project);
        return !writes.isEmpty()
                && rescalesOnly(elementWrites.stream().map(CalleeWrites.Write::definition).toList())
                && writes.stream().allMatch(w -> madeArray(w.node(), w.where(), depth + 1));
    }

    /**
     * A copy or conversion by the library of a constructed vector ({@code list.toArray(double[][]::new)},
     * {@code w.clone()}), or the result of a method of the project that reads no data.
     */
    private boolean madeByCall(Expr.Call call, MethodFacts where, int depth) {
        if (MathCalls.function(call).isPresent()) {
            return false;
        }
        Optional<MethodFacts> callee = where.context().callee(call);
        if (callee.isEmpty()) {
            Expr target = call.target() == null ? null : Nodes.stripCasts(call.target());
            boolean onMade = target != null && !(target instanceof Expr.Other o && o.kind().equals("type"))
                    && madeArray(target, where, depth + 1);
            return onMade && call.args().stream().map(Nodes::stripCasts).allMatch(a -> a instanceof Expr.MethodRef
                    || a instanceof Expr.Literal || !carriesValues(a.type()));
        }
        return callee.get().method().body() != null && call.args().stream().noneMatch(a -> carriesValues(a.type()))
                && readsNoData(callee.get());
    }

    /**
     * What every call of the private method {@code method} passes for the parameter {@code v}, on
     * {@code this} or on another object of the class ({@code d.along(x, row)}); empty when the method
     * is not private, nothing calls it, or a call of that name in its file cannot be resolved.
     */
    private static Optional<List<CallerArguments>> callers(MethodFacts method, Expr.VarRead v) {
        MethodModel m = method.method();
        int index = Nodes.parameterIndex(v, m);
        if (!m.isPrivate() || index < 0) {
            return Optional.empty();
        }
        List<CallerArguments> found = new java.util.ArrayList<>();
        for (CallSites.Site<Expr.Call> site : method.context().project().callSites().callsNamed(m.name(),
                m.parameters().size())) {
            if (site.where().context().file() != method.context().file()) {
                continue;                                   // a private method is called from its own file only
            }
            Optional<MethodFacts> callee = site.where().context().callee(site.node());
            if (callee.isEmpty()) {
                return Optional.empty();                    // a call that may be this one
            }
            if (callee.get().method() == m) {
                found.add(new CallerArguments(site.node().args().get(index), site.where()));
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(found));
    }

    /** Every element write is a rescaling of the element: {@code w[i] /= d} or {@code w[i] = w[i] / d}. */
    private static boolean rescalesOnly(List<Definition> writes) {
        return writes.stream().allMatch(d -> d.value() != null && (d.op() == AssignOp.DIVIDE
                || d.isPlain() && d.site() instanceof Stmt.Assign a && Nodes.stripCasts(d.value()) instanceof Expr.Binary b
                        && b.op() == BinaryOp.DIVIDE && Nodes.sameShape(b.left(), a.target())));
    }

    /** {@code method} and every method of the project it calls read no data (see the class comment). */
    private boolean readsNoData(MethodFacts method) {
        Deque<MethodFacts> work = new ArrayDeque<>();
        Set<MethodModel> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        work.add(method);
        seen.add(method.method());
        while (!work.isEmpty()) {
            MethodFacts m = work.poll();
            if (dataFree.contains(m.method())) {
                continue;
            }
            if (seen.size() > MAX_METHODS || m.method().body() == null || !readsNoDataHere(m, work, seen)) {
                return false;
            }
        }
        dataFree.addAll(seen);
        return true;
    }

    private static boolean readsNoDataHere(MethodFacts m, Deque<MethodFacts> work, Set<MethodModel> seen) {
        List<Object> nodes = m.nodes();
        Set<Expr> callTargets = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object node : nodes) {
            // an object field asked for a size, or handed to a method of the project that is checked in turn
            if (node instanceof Expr.Call c && c.target() != null && (!carriesValues(returned(c, m))
                    || m.context().callee(c).filter(x -> x.method().body() != null).isPresent())) {
                callTargets.add(Nodes.stripCasts(c.target()));
            }
        }
        for (Object node : nodes) {
            if (node instanceof Expr.Lambda) {
                return false;
            }
            if (node instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && !fieldReadOk(v, m, callTargets)) {
                return false;
            }
            if (node instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER && carriesValues(v.type())
                    && !passedWithin(v, m, work, seen)) {
                return false;
            }
            if (node instanceof Expr.Call c && MathCalls.function(c).isEmpty() && !callOk(c, m, work, seen)) {
                return false;
            }
            if (node instanceof Expr.Other o && o.kind().equals("new")
                    && m.context().project().classesOfType(o.type().name()).isEmpty()
                    && o.children().stream().anyMatch(a -> carriesValues(a.type()))) {
                return false;                               // a library object opened on something: a reader, a copy
            }
        }
        return true;
    }

    /**
     * A constant; an int, long or boolean written only by constructors and initializers (a size, not a
     * running count); an object only as the receiver of a call (judged as a call); never an array
     * or a floating-point value.
     */
    private static boolean fieldReadOk(Expr.VarRead v, MethodFacts m, Set<Expr> callTargets) {
        if (Constants.isConstantField(v, m)) {
            return true;
        }
        TypeInfo type = v.type();
        if (type.arrayDimensions() > 0 || type.numeric().isFloatingPoint()) {
            return false;
        }
        if (type.numeric() == NumericType.OTHER && !type.name().equals("boolean")) {
            return callTargets.contains(v);
        }
        return m.context().project().callSites().writesOf(v.id()).stream()
                .allMatch(w -> w.where().method().isConstructor() || w.where().method().isInitializer());
    }

    /** A parameter of a private method that only methods already under check pass (they are checked too). */
    private static boolean passedWithin(Expr.VarRead v, MethodFacts m, Deque<MethodFacts> work, Set<MethodModel> seen) {
        if (Nodes.parameterIndex(v, m.method()) < 0) {
            return true;                                    // a lambda's parameter is refused as a lambda
        }
        Optional<List<CallerArguments>> callers = callers(m, v);
        if (callers.isEmpty()) {
            return false;
        }
        for (CallerArguments c : callers.get()) {
            if (seen.add(c.caller().method())) {
                work.add(c.caller());
            }
        }
        return true;
    }

    /**
     * A method of the project with a body (checked in turn), an abstract or library method that
     * returns a size, a boolean or nothing, or a library method that returns an array or an object
     * asked of a value made here (a local list's {@code get(i)}, a clone); never a floating-point
     * number from the library (parsed, drawn, read), nor a value from a static library method.
     */
    private static boolean callOk(Expr.Call c, MethodFacts m, Deque<MethodFacts> work, Set<MethodModel> seen) {
        Optional<MethodFacts> callee = m.context().callee(c);
        if (callee.isPresent() && callee.get().method().body() != null) {
            if (seen.add(callee.get().method())) {
                work.add(callee.get());
            }
            return true;
        }
        TypeInfo type = returned(c, m);
        if (!carriesValues(type)) {
            return true;
        }
        if (callee.isPresent() || type.isFloatingScalar()) {
            return false;                                   // an abstract method's value, a parsed or drawn number
        }
        Expr target = c.target() == null ? null : Nodes.stripCasts(c.target());
        return target instanceof Expr.VarRead local && local.kind() == VarKind.LOCAL
                || target instanceof Expr.VarRead p && p.kind() == VarKind.PARAMETER && m.method().isPrivate()
                || target instanceof Expr.Call inner && MathCalls.function(inner).isEmpty()
                || target instanceof Expr.ArrayElement;
    }
}
