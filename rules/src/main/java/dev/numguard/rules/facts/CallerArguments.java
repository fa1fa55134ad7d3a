package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the callers of a private method pass for one of its parameters. Only a private method has
 * all its callers in sight (its own class); for any other method the answer is empty, since code
 * elsewhere may pass anything.
 *
 * @param argument the expression passed at one call site
 * @param caller the facts of the method holding that call, to read the argument in
 */
public record CallerArguments(Expr argument, MethodFacts caller) {
    /**
     * The argument of every call in the class to {@code method} for {@code parameter}; empty when the
     * method is not private, the name is not one of its parameters, or nothing in the class calls it.
     */
    public static Optional<List<CallerArguments>> of(MethodFacts method, String parameter) {
        MethodModel m = method.method();
        int index = indexOf(m, parameter);
        if (!m.isPrivate() || index < 0) {
            return Optional.empty();
        }
        ClassFacts context = method.context();
        List<CallerArguments> found = new ArrayList<>();
        for (MethodFacts caller : context.methodsWithBodies()) {
            for (Object node : caller.nodes()) {
                if (node instanceof Expr.Call call && call.name().equals(m.name()) && call.args().size() > index
                        && context.helper(call).filter(h -> h == m).isPresent()) {
                    found.add(new CallerArguments(call.args().get(index), caller));
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(found));
    }

    private static int indexOf(MethodModel method, String parameter) {
        List<Parameter> parameters = method.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(parameter)) {
                return i;
            }
        }
        return -1;
    }
}
