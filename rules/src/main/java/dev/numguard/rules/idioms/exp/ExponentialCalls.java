package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ProjectFacts;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls whose value is an exponential that the called code computes without a shift: a method of
 * this or another class of the analysed tree that returns {@code exp(a)}, {@code c·exp(a)} or
 * {@code exp(a) / c} ({@code pow(E, a)} too), or such a call in turn (a density scaled from a
 * standard density), and a call through an interface, an abstract or an overridable method when
 * every implementation of it in the tree does (class-hierarchy analysis over the tree's classes).
 * A density {@code nconst·exp(-d/2)} underflows to 0 far from its mode just as an unshifted exp
 * overflows, so sums of such calls are sums of unshifted exponentials.
 *
 * <p>Each method is judged once per project and cached; a call whose implementations are not all
 * in the tree (a type declared outside it, a method without a body anywhere) is not an exponential.
 * The findings built on these terms carry no fix: the exponent lives in another method.
 */
public final class ExponentialCalls {
    private static final String VERDICTS = "exp.returnsUnshiftedExponential";

    private ExponentialCalls() {
    }

    /**
     * {@code e} (read in {@code facts}' method) as {@code f(..)}, {@code w · f(..)} or {@code f(..) / c}
     * with {@code f} returning an unshifted exponential, read through locals (a local that is 0 or
     * such a term counts as the term), array elements written once and the element variable of an
     * enhanced for over such an array. The term's argument is null: the exponent is not in this method.
     */
    public static Optional<ExpTerm> term(Expr e, MethodFacts facts) {
        if (e == null) {
            return Optional.empty();
        }
        Expr value = valueOf(Nodes.stripCasts(e), facts);
        if (value instanceof Expr.Call call && returnsExponential(call, facts)) {
            return Optional.of(new ExpTerm(call, null, null));
        }
        if (value instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            for (boolean callOnLeft : new boolean[] {true, false}) {
                Expr side = Nodes.stripCasts(facts.resolve(callOnLeft ? b.left() : b.right()));
                Expr weight = callOnLeft ? b.right() : b.left();
                if (side instanceof Expr.Call call && isFactor(weight, facts) && returnsExponential(call, facts)) {
                    return Optional.of(new ExpTerm(call, null, weight));
                }
            }
        }
        if (value instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE
                && Nodes.stripCasts(facts.resolve(b.left())) instanceof Expr.Call call
                && isFactor(b.right(), facts) && returnsExponential(call, facts)) {
            return Optional.of(new ExpTerm(call, null, b.right()));
        }
        return Optional.empty();
    }

    /** True when {@code call} returns an unshifted exponential in every method it can invoke. */
    public static boolean returnsExponential(Expr.Call call, MethodFacts facts) {
        if (MathCalls.isMathOwner(call.ownerType())) {
            return false;
        }
        List<MethodFacts> targets = implementations(call, facts.context());
        return !targets.isEmpty() && targets.stream().allMatch(ExponentialCalls::returnsExponential);
    }

    /**
     * True when {@code call} returns the exponentials of the elements of an array: a method of the
     * tree whose result is {@code Arrays.stream(x).map(f).toArray()} with f {@code Math::exp} or
     * {@code v -> Math.exp(v)}, or with f a parameter that the call (or a helper in between, as in
     * {@code exp(x) { return map(x, Math::exp); }}) passes such a function.
     */
    public static boolean exponentiatesElements(Expr.Call call, MethodFacts facts) {
        Optional<Integer> mapper = mappedFunction(call, facts, 0);
        return mapper.isPresent() && (mapper.get() == EXP || isExpFunction(call.args().get(mapper.get())));
    }

    /** Marks a mapped function that is exp itself, not a parameter. */
    private static final int EXP = -1;

    /**
     * What {@code call}'s method maps over the elements of an array it returns: {@link #EXP}, or the
     * index of the parameter holding the function; empty when it is not such a map.
     */
    private static Optional<Integer> mappedFunction(Expr.Call call, MethodFacts facts, int depth) {
        Optional<MethodFacts> callee = depth > 3 ? Optional.empty() : facts.context().callee(call);
        Optional<Expr> returned = callee.flatMap(c -> Nodes.singleReturnValue(c.method()))
                .map(v -> Nodes.stripCasts(callee.get().resolve(v)));
        if (returned.isEmpty() || !(returned.get() instanceof Expr.Call result)) {
            return Optional.empty();
        }
        MethodModel method = callee.get().method();
        if (result.name().equals("toArray") && result.args().isEmpty()
                && result.target() instanceof Expr.Call map && map.name().equals("map") && map.args().size() == 1
                && map.target() instanceof Expr.Call stream && stream.args().size() == 1
                && (stream.name().equals("stream") || stream.name().equals("of"))) {
            Expr function = Nodes.stripCasts(map.args().get(0));
            return isExpFunction(function) ? Optional.of(EXP) : parameterIndex(function, method);
        }
        // a helper passing on to another: map(x, Math::exp), or map(x, f) with f its own parameter
        Optional<Integer> inner = mappedFunction(result, callee.get(), depth + 1);
        if (inner.isEmpty() || inner.get() == EXP) {
            return inner;
        }
        Expr passed = Nodes.stripCasts(result.args().get(inner.get()));
        return isExpFunction(passed) ? Optional.of(EXP) : parameterIndex(passed, method);
    }

    private static Optional<Integer> parameterIndex(Expr e, MethodModel method) {
        int index = Nodes.parameterIndex(e, method);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    /** {@code Math::exp} or {@code v -> Math.exp(v)}. */
    private static boolean isExpFunction(Expr e) {
        Expr f = Nodes.stripCasts(e);
        if (f instanceof Expr.MethodRef ref) {
            return FunctionTable.standard().function(ref.ownerType(), ref.name()).filter("exp"::equals).isPresent();
        }
        return f instanceof Expr.Lambda lambda && lambda.parameters().size() == 1 && lambda.body() != null
                && MathCalls.expArgument(lambda.body()).filter(a -> Nodes.isLocal(a, lambda.parameters().get(0))).isPresent();
    }

    /** Whether {@code method} returns an unshifted exponential; judged once, a recursive method is not. */
    private static boolean returnsExponential(MethodFacts method) {
        Map<MethodModel, Boolean> verdicts = method.context().project()
                .<Map<MethodModel, Boolean>>derived(VERDICTS, p -> new IdentityHashMap<>());
        Boolean known = verdicts.get(method.method());
        if (known != null) {
            return known;
        }
        verdicts.put(method.method(), false);
        boolean verdict = Nodes.singleReturnValue(method.method()).filter(v -> isExponential(v, method)).isPresent();
        verdicts.put(method.method(), verdict);
        return verdict;
    }

    /** {@code exp(a)} with a neither shifted nor bounded, {@code c·x}, {@code x·c}, {@code x / c}, or a call returning one. */
    private static boolean isExponential(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(facts.resolve(e));
        Optional<Expr> exponent = MathCalls.expArgument(x);
        if (exponent.isPresent()) {
            return Exponents.shiftOf(exponent.get(), facts).isEmpty() && !Exponents.isBounded(exponent.get(), facts);
        }
        if (x instanceof Expr.Call call) {
            return returnsExponential(call, facts);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            return isExponential(b.left(), facts) && isFactor(b.right(), facts)
                    || isExponential(b.right(), facts) && isFactor(b.left(), facts);
        }
        return x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE
                && isExponential(b.left(), facts) && isFactor(b.right(), facts);
    }

    /**
     * A factor that leaves an exponential an exponential: it holds no exp (a ratio of exponentials is
     * a probability, bounded) and is no accumulated sum (dividing by one normalises).
     */
    private static boolean isFactor(Expr factor, MethodFacts facts) {
        Expr x = Nodes.stripCasts(facts.resolve(factor));
        return facts.reductionRead(factor).isEmpty()
                && Nodes.expressions(x).stream().noneMatch(sub -> MathCalls.expArgument(sub).isPresent());
    }

    /**
     * The value {@code e} holds: a local's single reaching definition other than a zero start, an
     * array element's single plain write, the element variable of an enhanced for over a local
     * array written once.
     */
    private static Expr valueOf(Expr e, MethodFacts facts) {
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            for (Stmt.Loop loop : facts.loops()) {
                if (loop.kind() == LoopKind.FOR_EACH && loop.element() != null && loop.element().id().equals(v.id())
                        && Nodes.stripCasts(loop.iterable()) instanceof Expr.VarRead array && array.kind() == VarKind.LOCAL) {
                    List<Definition> writes = facts.elementWrites(array.name());
                    return writes.size() == 1 ? Nodes.stripCasts(writes.get(0).value()) : e;
                }
            }
            List<Definition> defs = facts.reaching(v).stream().filter(d -> !isZeroStart(d)).toList();
            if (defs.size() == 1 && defs.get(0).isPlain()) {
                return Nodes.stripCasts(facts.resolve(defs.get(0).value()));
            }
        }
        return Nodes.stripCasts(facts.resolve(e));
    }

    private static boolean isZeroStart(Definition d) {
        return d.isPlain() && d.value() != null && MathCalls.isLiteral(d.value(), 0);
    }

    /**
     * The methods {@code call} can invoke: its resolved callee when that is static or private, else
     * every method of that name and arity with a body in the classes of the tree that are the
     * call's owner type or its subtypes, provided the owner type is declared in the tree.
     */
    private static List<MethodFacts> implementations(Expr.Call call, ClassFacts caller) {
        Optional<MethodFacts> direct = caller.callee(call);
        if (direct.isPresent() && (direct.get().method().isStatic() || direct.get().method().isPrivate())) {
            return List.of(direct.get());
        }
        String owner = call.ownerType();
        if (owner.equals("?") || owner.equals(caller.clazz().qualifiedName())) {
            owner = caller.clazz().qualifiedName();
            if (call.target() != null && !(call.target() instanceof Expr.Other o && o.kind().equals("this"))) {
                return direct.map(List::of).orElse(List.of());
            }
        }
        ProjectFacts project = caller.project();
        if (project.classesOfType(owner).isEmpty()) {
            return List.of();
        }
        return project.methodsOfSubtypes(owner, call.name(), call.args().size()).stream()
                .filter(m -> !m.method().isStatic()).toList();
    }
}
