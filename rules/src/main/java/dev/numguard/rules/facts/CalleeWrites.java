package dev.numguard.rules.facts;

import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the elements of an array hold at a read when a method called earlier filled them: the array
 * was passed to the call ({@code sums(image, s1, s2)}, then {@code s2[k] / n}; {@code z = partition(dots,
 * exps)}, then {@code v * exps[w]}) and the called method, in this class or another class of the
 * project, writes into the elements of that parameter. The writes are judged where they are made,
 * in the callee's facts.
 *
 * <p>Found only when this method writes nothing else into the array that reaches the read (a write
 * to {@code a[k]} later in the body of the loop over {@code k} that holds the read updates another
 * element and does not count), the array itself is not reassigned after the call, and the callee
 * writes the parameter's elements directly (not through a further call). The calls of a method are
 * indexed once per method.
 */
public final class CalleeWrites {
    /**
     * One write into an element of the parameter the array was passed as.
     *
     * @param definition the write ({@code p[i] = v}, {@code p[i] += v}) as the callee's facts record it
     * @param writer the facts of the called method
     */
    public record Write(Definition definition, MethodFacts writer) {
        public AssignOp op() {
            return definition.op();
        }

        public Expr value() {
            return definition.value();
        }
    }

    private CalleeWrites() {
    }

    /**
     * The writes the calls made before {@code read} ({@code a[i]}, read in {@code facts}' method) make into
     * the elements of {@code a}; empty when no call fills it or anything else can reach the read.
     */
    public static List<Write> at(Expr read, MethodFacts facts) {
        if (!(Nodes.stripCasts(read) instanceof Expr.ArrayElement element)
                || !(Nodes.stripCasts(element.array()) instanceof Expr.VarRead array)) {
            return List.of();
        }
        List<Passed> calls = facts.index(Index.class, Index::new).passed.getOrDefault(array.id(), List.of()).stream()
                .filter(p -> p.call().span().end() <= element.span().start()).toList();
        if (calls.isEmpty()) {
            return List.of();
        }
        int lastCall = calls.get(calls.size() - 1).call().span().start();
        for (Definition d : facts.definitionsAt(element)) {
            if (d.element() ? !updatesAnotherElement(d, element, facts)
                    : d.site() != null && d.site().span().end() > lastCall) {
                return List.of();
            }
        }
        List<Write> writes = new ArrayList<>();
        for (Passed p : calls) {
            if (facts.context().callee(p.call()).isEmpty()) {
                return List.of();
            }
            writes.addAll(intoParameter(p.call(), p.index(), facts));
        }
        return List.copyOf(writes);
    }

    /** The writes the method {@code call} invokes makes into the elements of its parameter {@code index}. */
    static List<Write> intoParameter(Expr.Call call, int index, MethodFacts facts) {
        Optional<MethodFacts> callee = facts.context().callee(call);
        if (callee.isEmpty()) {
            return List.of();
        }
        VarId parameter = callee.get().method().parameters().get(index).id();
        return callee.get().definitionsOf(parameter).stream()
                .filter(d -> d.element() && d.site() != null && d.value() != null)
                .map(d -> new Write(d, callee.get())).toList();
    }

    /**
     * A write to {@code a[k]} after the read of {@code a[k]} in the body of the loop over {@code k}: it
     * reaches the read only in the next iteration, when {@code k} names another element.
     */
    private static boolean updatesAnotherElement(Definition d, Expr.ArrayElement read, MethodFacts facts) {
        if (d.site() == null || d.site().span().start() < read.span().end()
                || !(Nodes.stripCasts(d.site() instanceof Stmt.Assign a ? a.target() : null) instanceof Expr.ArrayElement target)
                || !Nodes.sameShape(target.index(), read.index())
                || !(Nodes.stripCasts(read.index()) instanceof Expr.VarRead index)) {
            return false;
        }
        List<Stmt.Loop> around = facts.enclosingLoops(read.span());
        return !around.isEmpty() && around.get(around.size() - 1).span().contains(d.site().span())
                && index.name().equals(around.get(around.size() - 1).inductionVariable());
    }

    private record Passed(Expr.Call call, int index) {
    }

    /** The calls of one method that are passed an array variable, by the array passed. */
    private static final class Index {
        final Map<VarId, List<Passed>> passed = new HashMap<>();

        Index(MethodFacts facts) {
            for (Object node : facts.nodes()) {
                if (!(node instanceof Expr.Call call)) {
                    continue;
                }
                for (int i = 0; i < call.args().size(); i++) {
                    if (Nodes.stripCasts(call.args().get(i)) instanceof Expr.VarRead array && array.type().arrayDimensions() > 0) {
                        passed.computeIfAbsent(array.id(), k -> new ArrayList<>()).add(new Passed(call, i));
                    }
                }
            }
        }
    }
}
