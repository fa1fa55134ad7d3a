package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every write into the elements of a field array anywhere in the project: {@code f[t][i] = v} in any
 * method (of any class, anonymous ones included), and the writes a called method makes into the
 * parameter that {@code f} or one of its rows ({@code fill(f[t])}) was passed as. This is what a read
 * of {@code f[..]} in a method that writes nothing into {@code f} can see, whatever order the
 * methods run in. Indexed once per project, in one walk over the methods' nodes.
 */
public final class FieldElementWrites {
    private static final String KEY = "facts.fieldElementWrites";

    private final Map<VarId, List<CalleeWrites.Write>> writes = new HashMap<>();

    private FieldElementWrites(ProjectFacts project) {
        for (ClassFacts clazz : project.classes()) {
            for (MethodModel m : clazz.clazz().methods()) {
                if (m.body() != null) {
                    index(clazz.facts(m));
                }
            }
        }
    }

    /** The writes into the elements of the field {@code field} (its rows' elements included) in {@code project}. */
    public static List<CalleeWrites.Write> of(VarId field, ProjectFacts project) {
        return project.derived(KEY, FieldElementWrites::new).writes.getOrDefault(field, List.of());
    }

    /** The field array whose element (at any depth) {@code e} is, or whose row it is: {@code f[t][i]}, {@code f[t]}, {@code f}. */
    public static Optional<VarId> fieldArray(Expr e) {
        Expr x = Nodes.stripCasts(e);
        while (x instanceof Expr.ArrayElement element) {
            x = Nodes.stripCasts(element.array());
        }
        return x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.type().arrayDimensions() > 0
                ? Optional.of(v.id()) : Optional.empty();
    }

    private void index(MethodFacts facts) {
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement target
                    && a.value() != null) {
                fieldArray(target).ifPresent(field -> writes.computeIfAbsent(field, k -> new ArrayList<>()).add(
                        new CalleeWrites.Write(new Definition(field.name(), a, a.op(), a.value(), true, field), facts)));
            } else if (node instanceof Expr.Call call) {
                for (int i = 0; i < call.args().size(); i++) {
                    Expr arg = call.args().get(i);
                    Optional<VarId> field = arg.type().arrayDimensions() > 0 ? fieldArray(arg) : Optional.empty();
                    if (field.isPresent()) {
                        CalleeWrites.intoParameter(call, i, facts).forEach(w -> writes.computeIfAbsent(field.get(), k -> new ArrayList<>()).add(w));
                    }
                }
            }
        }
    }
}
