package dev.numguard.rules.idioms.half;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The framework's global data type set to fp16 ({@code DataTypeUtil.setDTypeForContext(HALF)},
 * {@code Nd4j.setDefaultDataTypes(HALF, HALF)}) before a call of the project that reaches a DL4J
 * network's {@code fit} or a DJL backward pass in another class: a {@code main} that configures
 * fp16 and hands its models to a training harness. Calls are followed through the method the call
 * resolves to or, for an interface or abstract method, every implementation in the project (class
 * hierarchy analysis), a few calls deep; a class on the way that scales the loss ends the search.
 */
public final class HalfTrainingCalls {
    private static final int MAX_DEPTH = 5;
    private static final int MAX_METHODS = 200;

    private HalfTrainingCalls() {
    }

    /** A setting of the global data type to fp16 in {@code facts}' method, followed by a call that trains. */
    public record HalfTraining(Expr setting, Expr.Call training) {
    }

    /** The first global fp16 setting of the method followed by a call of the project that reaches training, or empty. */
    public static Optional<HalfTraining> of(MethodFacts facts) {
        List<Expr> expressions = Nodes.expressions(facts.method().body());
        Optional<Expr.Call> setting = expressions.stream().filter(e -> e instanceof Expr.Call c
                        && c.name().startsWith("set") && c.args().stream().anyMatch(HalfPrecision::isHalfDataType))
                .map(e -> (Expr.Call) e).findFirst();
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        Set<MethodModel> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr e : expressions) {
            if (e instanceof Expr.Call call && call.span().start() > setting.get().span().end()
                    && reachesTraining(call, facts.context(), 0, visited)) {
                return Optional.of(new HalfTraining(setting.get(), call));
            }
        }
        return Optional.empty();
    }

    private static boolean reachesTraining(Expr.Call call, ClassFacts caller, int depth, Set<MethodModel> visited) {
        if (isNetworkTraining(call)) {
            return true;
        }
        if (depth >= MAX_DEPTH || visited.size() > MAX_METHODS) {
            return false;
        }
        for (MethodFacts body : bodies(call, caller)) {
            if (!visited.add(body.method()) || HalfPrecision.usesLossScaling(body.context())) {
                continue;
            }
            for (Expr e : Nodes.expressions(body.method().body())) {
                if (e instanceof Expr.Call inner && reachesTraining(inner, body.context(), depth + 1, visited)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** DL4J's fit on a network, or a DJL backward pass. */
    private static boolean isNetworkTraining(Expr.Call call) {
        String target = call.target() == null ? "" : call.target().type().name();
        return call.name().equals("fit") && (target.contains("MultiLayerNetwork") || target.contains("ComputationGraph")
                || call.ownerType().contains("MultiLayerNetwork") || call.ownerType().contains("ComputationGraph"))
                || HalfPrecision.isDjlBackward(call);
    }

    /** The method {@code call} resolves to, or every implementation of it in the project (class hierarchy analysis). */
    private static List<MethodFacts> bodies(Expr.Call call, ClassFacts caller) {
        Optional<MethodFacts> resolved = caller.callee(call);
        if (resolved.isPresent()) {
            return List.of(resolved.get());
        }
        if (call.ownerType().equals("?") || call.ownerType().startsWith("java.")) {
            return List.of();
        }
        return caller.project().methodsOfSubtypes(call.ownerType(), call.name(), call.args().size());
    }
}
