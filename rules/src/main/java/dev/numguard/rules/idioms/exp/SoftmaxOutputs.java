package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.CallSites;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Values that are the output of a softmax of the analysed tree, shifted or not: the result of a
 * method that divides by a sum of exponentials (or normalises an array exp by its sum), and an
 * object of a class with such a method (a softmax layer, a softmax node of an operator graph).
 * Whether the softmax is shifted does not matter to its consumers: a probability that underflows
 * to 0 is 0 either way, and its logarithm is -Infinity.
 */
public final class SoftmaxOutputs {
    private SoftmaxOutputs() {
    }

    /** True when {@code e}, read in {@code where}, is a softmax's output or a softmax object of the tree. */
    public static boolean isSoftmaxOutput(Expr e, MethodFacts where) {
        return !softmaxesOf(e, where).isEmpty();
    }

    /**
     * The methods that compute the softmax {@code e} (read in {@code where}) is the output of: the
     * method called, or the softmax methods of the class constructed; empty when {@code e} is none.
     */
    public static List<MethodFacts> softmaxesOf(Expr e, MethodFacts where) {
        Expr value = Nodes.stripCasts(e);
        if (value instanceof Expr.Other creation && creation.kind().equals("new")) {
            return softmaxesOfClass(creation, where);
        }
        if (value instanceof Expr.Call call) {
            Optional<MethodFacts> callee = where.context().callee(call);
            if (callee.isPresent() && softmaxMethods(callee.get().context()).contains(callee.get().method())) {
                return List.of(callee.get());
            }
            // a getter of the softmax's class handing out the field its softmax fills
            Optional<Expr> returned = callee.flatMap(m -> Nodes.singleReturnValue(m.method()));
            if (returned.isPresent() && Nodes.stripCasts(returned.get()) instanceof Expr.VarRead field
                    && field.kind() == VarKind.FIELD) {
                return fillersOf(callee.get().context(), field.name());
            }
        }
        if (value instanceof Expr.VarRead field && field.kind() == VarKind.FIELD && field.qualifier() != null) {
            return where.context().project().classesOfType(field.qualifier().type().name()).stream()
                    .flatMap(c -> fillersOf(c, field.name()).stream()).toList();   // the field read from the object
        }
        return List.of();
    }

    /** The softmax methods of {@code clazz} that write its field {@code field} or its elements. */
    private static List<MethodFacts> fillersOf(ClassFacts clazz, String field) {
        return clazz.methodsWithBodies().stream().filter(m -> softmaxMethods(clazz).contains(m.method()))
                .filter(m -> Nodes.statements(m.method().body()).stream().anyMatch(s -> s instanceof Stmt.Assign a
                        && rootField(a.target()).equals(field)))
                .toList();
    }

    private static String rootField(Expr target) {
        Expr e = Nodes.stripCasts(target);
        while (e instanceof Expr.ArrayElement element) {
            e = Nodes.stripCasts(element.array());
        }
        return e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD ? v.name() : "";
    }

    /** The softmax methods of the class of {@code object} (its static type), when it is a class of the tree. */
    private static List<MethodFacts> softmaxesOfClass(Expr object, MethodFacts where) {
        return where.context().project().classesOfType(object.type().name()).stream()
                .flatMap(c -> c.methodsWithBodies().stream().filter(m -> softmaxMethods(c).contains(m.method())))
                .toList();
    }

    /** True when a method of {@code clazz} computes a softmax. */
    public static boolean isSoftmaxClass(ClassFacts clazz) {
        return !softmaxMethods(clazz).isEmpty();
    }

    /**
     * A method that constructs an object of {@code clazz} and, in the same body, an object of a
     * softmax class of the tree (a network wired from layers and a loss): that method, or empty.
     */
    public static Optional<CallSites.Site<Expr.Other>> wiredWithSoftmax(ClassFacts clazz) {
        for (CallSites.Site<Expr.Other> creation : clazz.project().callSites().creationsOf(clazz.clazz().qualifiedName())) {
            boolean wired = Nodes.expressions(creation.where().method().body()).stream()
                    .anyMatch(e -> e instanceof Expr.Other other && other.kind().equals("new")
                            && isSoftmaxOutput(other, creation.where()));
            if (wired) {
                return Optional.of(creation);
            }
        }
        return Optional.empty();
    }

    private static Set<MethodModel> softmaxMethods(ClassFacts clazz) {
        return clazz.derived("softmax methods", c -> {
            Set<MethodModel> found = Collections.newSetFromMap(new IdentityHashMap<>());
            for (MethodFacts method : c.methodsWithBodies()) {
                if (dividesByExpSum(method)) {
                    found.add(method.method());
                }
            }
            return found;
        });
    }

    /**
     * A sum of exponentials: one {@link ExpSums} takes apart, or a local that adds up {@code exp}
     * values whatever else it does (a sum seeded with a tiny constant, clamped when it overflows).
     */
    private static boolean isExpSum(Expr divisor, MethodFacts method) {
        if (ExpSums.of(divisor, method).isPresent()) {
            return true;
        }
        if (!(Nodes.stripCasts(divisor) instanceof Expr.VarRead sum) || sum.kind() == VarKind.FIELD) {
            return false;
        }
        return method.definitionsOf(sum.id()).stream().anyMatch(d -> d.op() == AssignOp.ADD && !d.element()
                && isExp(d.value(), method));
    }

    /** An {@code exp} call, directly or as a value a local was given. */
    private static boolean isExp(Expr e, MethodFacts method) {
        Expr value = Nodes.stripCasts(e);
        if (MathCalls.expArgument(value).isPresent()) {
            return true;
        }
        return value instanceof Expr.VarRead local && local.kind() == VarKind.LOCAL
                && method.definitionsOf(local.id()).stream().anyMatch(d -> !d.element()
                        && MathCalls.expArgument(Nodes.stripCasts(d.value())).isPresent());
    }

    private static boolean dividesByExpSum(MethodFacts method) {
        boolean[] found = {false};
        Nodes.visit(method.method().body(), s -> {
            if (!found[0] && s instanceof Stmt.Assign a && a.op() == AssignOp.DIVIDE) {
                found[0] = isExpSum(a.value(), method);
            }
        }, e -> {
            if (found[0]) {
                return;
            }
            if (e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
                found[0] = isExpSum(b.right(), method);
            } else if (e instanceof Expr.Call call) {
                found[0] = ArraySoftmax.normalisesExp(call, method);
            }
        });
        return found[0];
    }
}
