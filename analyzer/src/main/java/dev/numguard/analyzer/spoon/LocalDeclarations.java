package dev.numguard.analyzer.spoon;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import spoon.reflect.code.CaseKind;
import spoon.reflect.code.CtBlock;
import spoon.reflect.code.CtCase;
import spoon.reflect.code.CtCatch;
import spoon.reflect.code.CtCatchVariable;
import spoon.reflect.code.CtFieldAccess;
import spoon.reflect.code.CtFor;
import spoon.reflect.code.CtForEach;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.code.CtSwitch;
import spoon.reflect.code.CtSwitchExpression;
import spoon.reflect.code.CtTryWithResource;
import spoon.reflect.code.CtTypePattern;
import spoon.reflect.code.CtVariableAccess;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtParameter;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtVariable;
import spoon.reflect.reference.CtCatchVariableReference;
import spoon.reflect.reference.CtLocalVariableReference;
import spoon.reflect.reference.CtParameterReference;
import spoon.reflect.reference.CtReference;
import spoon.reflect.reference.CtVariableReference;
import spoon.reflect.visitor.CtScanner;

/**
 * The declaration of every local variable and parameter read in one top-level type, found in one
 * walk over it. Spoon's {@link CtVariableReference#getDeclaration()} searches the enclosing
 * blocks' earlier statements afresh for each read, which makes lowering quadratic in the size of
 * a method (a 3,000-line generated method took over 15 s); the walk keeps a stack of the scopes
 * it is in, each with its declarations by name, so each read is looked up once.
 *
 * <p>Within one class body Java forbids a local, parameter or pattern variable to shadow another
 * one in scope, so the nearest declaration of the name is the one read. Where that argument does
 * not hold, the walk leaves the read to Spoon: a read that would cross a class boundary (a
 * local or anonymous class capturing an outer local, which a member of that class may shadow), a
 * read whose nearest declaration is a pattern variable (whose scope depends on the flow of the
 * condition that binds it), and a read whose nearest declaration is of another kind than the
 * reference (a parameter reference that meets a local, say).
 */
final class LocalDeclarations {
    private final Map<CtVariableAccess<?>, CtVariable<?>> found;

    private LocalDeclarations(Map<CtVariableAccess<?>, CtVariable<?>> found) {
        this.found = found;
    }

    /** The declarations read in {@code type} and every type inside it. */
    static LocalDeclarations of(CtType<?> type) {
        Walk walk = new Walk();
        walk.scan(type);
        return new LocalDeclarations(walk.found);
    }

    /** Nothing known in advance: every read is left to Spoon. */
    static LocalDeclarations none() {
        return new LocalDeclarations(Map.of());
    }

    /** The declaration {@code access} reads, or null when neither the walk nor Spoon can resolve it. */
    CtVariable<?> of(CtVariableAccess<?> access) {
        CtVariable<?> declaration = found.get(access);
        if (declaration != null) {
            return declaration;
        }
        try {
            return access.getVariable().getDeclaration();
        } catch (RuntimeException unresolved) {
            return null;
        }
    }

    /** The declaration the walk found for {@code access}, or null when it leaves the read to Spoon. */
    CtVariable<?> foundInWalk(CtVariableAccess<?> access) {
        return found.get(access);
    }

    /** One scope: its declarations by name; a class body is a boundary no lookup crosses. */
    private static final class Scope {
        final boolean classBody;
        Map<String, CtVariable<?>> names;

        Scope(boolean classBody) {
            this.classBody = classBody;
        }
    }

    private static final class Walk extends CtScanner {
        final Map<CtVariableAccess<?>, CtVariable<?>> found = new IdentityHashMap<>();
        private final Deque<Scope> scopes = new ArrayDeque<>();
        private final Set<CtVariable<?>> patternVariables = Collections.newSetFromMap(new IdentityHashMap<>());

        /** References (types, executables, packages) hold no code: the walk does not descend into them. */
        @Override
        public void scan(CtElement element) {
            if (!(element instanceof CtReference)) {
                super.scan(element);
            }
        }

        @Override
        protected void enter(CtElement e) {
            if (opensScope(e)) {
                scopes.push(new Scope(e instanceof CtType<?>));
            }
            if (e instanceof CtLocalVariable<?> || e instanceof CtParameter<?> || e instanceof CtCatchVariable<?>) {
                declare((CtVariable<?>) e);
            } else if (e instanceof CtVariableAccess<?> access && !(e instanceof CtFieldAccess<?>)) {
                resolve(access);
            }
        }

        @Override
        protected void exit(CtElement e) {
            if (opensScope(e)) {
                scopes.pop();
            }
        }

        /**
         * The elements whose declarations are invisible after them. A switch with colon cases is one
         * scope (a local of one case is in scope in the next); an arrow case is a scope of its own.
         */
        private static boolean opensScope(CtElement e) {
            return e instanceof CtType<?> || e instanceof CtExecutable<?> || e instanceof CtBlock<?>
                    || e instanceof CtFor || e instanceof CtForEach || e instanceof CtCatch
                    || e instanceof CtTryWithResource || e instanceof CtSwitch<?> || e instanceof CtSwitchExpression<?, ?>
                    || e instanceof CtCase<?> branch && branch.getCaseKind() == CaseKind.ARROW;
        }

        private void declare(CtVariable<?> variable) {
            Scope scope = scopes.peek();
            if (scope == null) {
                return;
            }
            if (variable.isParentInitialized() && variable.getParent() instanceof CtTypePattern) {
                patternVariables.add(variable);
            }
            if (scope.names == null) {
                scope.names = new HashMap<>();
            }
            scope.names.put(variable.getSimpleName(), variable);
        }

        private void resolve(CtVariableAccess<?> access) {
            CtVariableReference<?> reference = access.getVariable();
            if (reference == null) {
                return;
            }
            String name = reference.getSimpleName();
            for (Scope scope : scopes) {
                CtVariable<?> declaration = scope.names == null ? null : scope.names.get(name);
                if (declaration != null) {
                    if (!patternVariables.contains(declaration) && sameKind(reference, declaration)) {
                        found.put(access, declaration);
                    }
                    return;
                }
                if (scope.classBody) {
                    return;
                }
            }
        }

        private static boolean sameKind(CtVariableReference<?> reference, CtVariable<?> declaration) {
            return reference instanceof CtLocalVariableReference<?> && declaration instanceof CtLocalVariable<?>
                    || reference instanceof CtParameterReference<?> && declaration instanceof CtParameter<?>
                    || reference instanceof CtCatchVariableReference<?> && declaration instanceof CtCatchVariable<?>;
        }
    }
}
