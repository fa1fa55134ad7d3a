package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.CallSites;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import java.util.Collections;
import java.util.IdentityHashMap;
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
        Expr value = Nodes.stripCasts(e);
        if (value instanceof Expr.Other creation && creation.kind().equals("new")) {
            return where.context().project().classesOfType(creation.type().name()).stream()
                    .anyMatch(SoftmaxOutputs::isSoftmaxClass);
        }
        if (value instanceof Expr.Call call) {
            Optional<MethodFacts> callee = where.context().callee(call);
            return callee.isPresent() && softmaxMethods(callee.get().context()).contains(callee.get().method());
        }
        return false;
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

    private static boolean dividesByExpSum(MethodFacts method) {
        boolean[] found = {false};
        Nodes.visit(method.method().body(), s -> {
            if (!found[0] && s instanceof Stmt.Assign a && a.op() == AssignOp.DIVIDE) {
                found[0] = ExpSums.of(a.value(), method).isPresent();
            }
        }, e -> {
            if (found[0]) {
                return;
            }
            if (e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
                found[0] = ExpSums.of(b.right(), method).isPresent();
            } else if (e instanceof Expr.Call call) {
                found[0] = ArraySoftmax.normalisesExp(call, method);
            }
        });
        return found[0];
    }
}
