package dev.numguard.rules.idioms.solvers;

import dev.numguard.rules.facts.CallSites;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A value whose only use is the starting point of an iterative solver: computed (a moment-matching
 * guess, a root of a quadratic), stored into the elements of an array, and that array passed, as the
 * start, to a call that minimises, maximises or solves for an objective it is also given. The
 * solver replaces the start by its own iterate, so digits the start lost to cancellation never
 * reach a result; only its rough size does. The value may pass through arithmetic and math
 * functions, locals, copies into other arrays, and the return of a private method whose every
 * caller in the tree uses the result the same way. Any other use (a comparison, a field, another
 * call, a returned value of a method that others can call) means the digits may matter.
 */
public final class SolverStart {
    /** What iterative solvers are called: optimise, minimise, maximise, solve, fit, and the UNCMIN driver optif. */
    private static final Pattern SOLVER_NAME =
            Pattern.compile("(?i).*(optimi[sz]|^optif|minimi[sz]|maximi[sz]|solve|newton|fit).*");
    /** Values followed, across methods, before giving up: the answer is "no" beyond it. */
    private static final int MAX_STEPS = 200;

    private final Deque<Flow> work = new ArrayDeque<>();
    private final Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private int steps;

    private SolverStart() {
    }

    /** A value that flows on: an expression (a computed value, a read of a local or of an array holding it) in its method. */
    private record Flow(Expr value, MethodFacts where) {
    }

    /** True when every use of {@code value} ends as the start of an iterative solver (and there is one). */
    public static boolean onlySeeds(Expr value, MethodFacts facts) {
        return new SolverStart().follow(value, facts);
    }

    private boolean follow(Expr value, MethodFacts facts) {
        boolean seeded = false;
        work.add(new Flow(value, facts));
        while (!work.isEmpty()) {
            Flow next = work.poll();
            if (!seen.add(next.value())) {
                continue;
            }
            if (++steps > MAX_STEPS) {
                return false;
            }
            Outcome outcome = step(next.value(), next.where());
            if (outcome == Outcome.ESCAPES) {
                return false;
            }
            seeded |= outcome == Outcome.SEEDS;
        }
        return seeded;
    }

    private enum Outcome { FLOWS_ON, SEEDS, ESCAPES }

    /** Where {@code e}'s value goes next: queued, a solver's start, or somewhere its digits may count. */
    private Outcome step(Expr e, MethodFacts facts) {
        MethodUses uses = MethodUses.of(facts);
        Object holder = uses.holder(e);
        if (holder instanceof Expr.Call call) {
            if (call.args().contains(e) && isSolver(call, e, facts)) {
                return Outcome.SEEDS;
            }
            if (call.target() != e && MathCalls.isMathOwner(call.ownerType())) {
                work.add(new Flow(call, facts));
                return Outcome.FLOWS_ON;
            }
            return Outcome.ESCAPES;
        }
        if (holder instanceof Expr.Binary || holder instanceof Expr.Unary || holder instanceof Expr.Cast
                || holder instanceof Expr.ArrayElement read && read.array() == e
                || holder instanceof Expr.Conditional c && c.condition() != e) {
            work.add(new Flow((Expr) holder, facts));
            return Outcome.FLOWS_ON;
        }
        if (holder instanceof Stmt.Assign assign && assign.op() == AssignOp.ASSIGN) {
            return stored(assign.target(), assign, facts);
        }
        if (holder != null) {
            return Outcome.ESCAPES;
        }
        Stmt.LocalDecl declared = uses.declarationInitializedBy(e);
        if (declared != null) {
            return followLocal(declared.name(), declared, facts);
        }
        if (isTargetOfElementWrite(e, facts)) {
            return Outcome.FLOWS_ON;   // a[i] = …: the array is written, not read
        }
        boolean returned = facts.statements().stream().anyMatch(s -> s instanceof Stmt.Return r && r.value() == e);
        return returned ? followCallers(facts) : Outcome.ESCAPES;
    }

    /** {@code target = value}: a local follows its reads, an element of a local array makes the whole array a carrier. */
    private Outcome stored(Expr target, Stmt.Assign assign, MethodFacts facts) {
        Expr written = Nodes.stripCasts(target);
        if (written instanceof Expr.VarRead local && local.kind() == VarKind.LOCAL) {
            return followLocal(local.name(), assign, facts);
        }
        Expr array = written;
        while (array instanceof Expr.ArrayElement element) {
            array = Nodes.stripCasts(element.array());
        }
        if (array != written && array instanceof Expr.VarRead local && local.kind() == VarKind.LOCAL) {
            for (Expr.VarRead read : MethodUses.of(facts).localReads(local.name())) {
                if (!isOverwritten(read, facts)) {
                    work.add(new Flow(read, facts));
                }
            }
            return Outcome.FLOWS_ON;
        }
        return Outcome.ESCAPES;
    }

    /** The reads of local {@code name} that the definition at {@code site} reaches. */
    private Outcome followLocal(String name, Stmt site, MethodFacts facts) {
        for (Expr.VarRead read : MethodUses.of(facts).localReads(name)) {
            List<Definition> reaching = facts.definitionsAt(read);
            if (!isOverwritten(read, facts) && (reaching.isEmpty() || reaching.stream().anyMatch(d -> d.site() == site))) {
                work.add(new Flow(read, facts));
            }
        }
        return Outcome.FLOWS_ON;
    }

    /** A returned value of a private method: it flows on from every call of the method in the tree. */
    private Outcome followCallers(MethodFacts facts) {
        MethodModel method = facts.method();
        if (!method.isPrivate()) {
            return Outcome.ESCAPES;
        }
        boolean called = false;
        for (CallSites.Site<Expr.Call> site : facts.context().project().callSites()
                .callsNamed(method.name(), method.parameters().size())) {
            ClassFacts caller = site.where().context();
            if (caller.project().callee(site.node(), caller).filter(m -> m.method() == method).isPresent()) {
                work.add(new Flow(site.node(), site.where()));
                called = true;
            }
        }
        return called ? Outcome.FLOWS_ON : Outcome.ESCAPES;
    }

    /** {@code read} is the variable a plain assignment gives a new value: not a use of the old one. */
    private static boolean isOverwritten(Expr.VarRead read, MethodFacts facts) {
        return facts.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                && a.target() == read);
    }

    /** {@code e} is the element an assignment writes ({@code a[i]} in {@code a[i] = v}, or a row of it). */
    private static boolean isTargetOfElementWrite(Expr e, MethodFacts facts) {
        return facts.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a && writesInto(a.target(), e));
    }

    private static boolean writesInto(Expr target, Expr e) {
        for (Expr part = Nodes.stripCasts(target); part instanceof Expr.ArrayElement element;
                part = Nodes.stripCasts(element.array())) {
            if (part == e) {
                return true;
            }
        }
        return false;
    }

    /**
     * An iterative solver called with {@code start}, an array, as its starting point: its name says it
     * optimises, minimises or solves, and another argument is the objective (a lambda, a method
     * reference, or an object of the project whose class declares a method of numbers returning a number).
     */
    private static boolean isSolver(Expr.Call call, Expr start, MethodFacts facts) {
        if (start.type().arrayDimensions() == 0 || !SOLVER_NAME.matcher(call.name()).matches()) {
            return false;
        }
        return call.args().stream().anyMatch(a -> a != start && isObjective(a, facts));
    }

    private static boolean isObjective(Expr argument, MethodFacts facts) {
        if (argument instanceof Expr.Lambda || argument instanceof Expr.MethodRef) {
            return true;
        }
        if (argument.type().arrayDimensions() != 0 || argument.type().numeric() != NumericType.OTHER) {
            return false;
        }
        return facts.context().project().classesOfType(argument.type().name()).stream()
                .flatMap(c -> c.clazz().methods().stream())
                .anyMatch(m -> !m.isConstructor() && m.returnType().isFloatingScalar() && !m.parameters().isEmpty());
    }
}
