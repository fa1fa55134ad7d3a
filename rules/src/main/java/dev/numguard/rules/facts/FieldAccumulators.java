package dev.numguard.rules.facts;

import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields of one class used as accumulators across its methods, as running-moment classes keep
 * them: {@code sum += x; sumSq += x * x; n++;} in {@code add(x)}, read in {@code variance()}.
 */
public final class FieldAccumulators {
    private final List<Reduction> reductions = new ArrayList<>();
    private final List<MethodModel> updatingMethods = new ArrayList<>();

    FieldAccumulators(ClassFacts context) {
        for (MethodModel m : context.clazz().methods()) {
            if (m.isConstructor()) {
                continue;
            }
            List<Reduction> found = context.facts(m).reductions().stream()
                    .filter(r -> r.variableKind() == VarKind.FIELD).toList();
            if (!found.isEmpty()) {
                reductions.addAll(found);
                updatingMethods.add(m);
            }
        }
    }

    /** All field accumulators of the class. */
    public List<Reduction> reductions() {
        return reductions;
    }

    /** The accumulations into field {@code name}. */
    public List<Reduction> reductionsOf(String name) {
        return reductions.stream().filter(r -> r.variable().equals(name)).toList();
    }

    /** The methods that update some field accumulator. */
    public List<MethodModel> updatingMethods() {
        return updatingMethods;
    }
}
