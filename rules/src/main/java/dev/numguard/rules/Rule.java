package dev.numguard.rules;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A numerical-stability rule, written once against the numeric model so that every front end
 * (Spoon, Error Prone) runs it unchanged. Like an Error Prone check: its metadata is one
 * {@link RuleInfo} on the class, and it implements only the {@code match…} entry points it needs,
 * each handed one node of a method body and that method's shared {@link MethodFacts}. Each returns
 * early with {@link Optional#empty()} or one finding built by {@link #finding}.
 *
 * <p>{@link dev.numguard.rules.running.RuleRunner} applies {@code @SuppressWarnings}, removes
 * duplicates and sorts, so a rule just reports what it matches.
 */
public interface Rule {
    /** The metadata declared by this rule's {@link RuleInfo}. */
    default RuleMetadata metadata() {
        return RuleMetadata.of(getClass());
    }

    default String id() {
        return metadata().id();
    }

    /** A method call, e.g. {@code Math.log(sum)}. */
    default Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        return Optional.empty();
    }

    /** A binary operation, e.g. {@code p[i] / sum}. */
    default Optional<Finding> matchBinary(Expr.Binary binary, MethodFacts facts) {
        return Optional.empty();
    }

    /** An assignment or compound assignment, e.g. {@code p[i] /= sum}. */
    default Optional<Finding> matchAssign(Stmt.Assign assign, MethodFacts facts) {
        return Optional.empty();
    }

    /** A local variable declaration. */
    default Optional<Finding> matchLocal(Stmt.LocalDecl local, MethodFacts facts) {
        return Optional.empty();
    }

    /** A loop. */
    default Optional<Finding> matchLoop(Stmt.Loop loop, MethodFacts facts) {
        return Optional.empty();
    }

    /** A {@code return} statement. */
    default Optional<Finding> matchReturn(Stmt.Return ret, MethodFacts facts) {
        return Optional.empty();
    }

    /** The whole class, once, for rules whose verdict depends on all of it. */
    default List<Finding> matchClass(ClassFacts clazz) {
        return List.of();
    }

    /**
     * This rule over one class: {@link #matchClass}, then every node of every method body, walked
     * once per class and shared by all rules ({@link MethodFacts#nodes()}), in source order, handed
     * to the entry point for its kind.
     */
    default List<Finding> check(ClassFacts clazz) {
        List<Finding> findings = new ArrayList<>(matchClass(clazz));
        for (MethodFacts facts : clazz.methodsWithBodies()) {
            for (Object node : facts.nodes()) {
                Optional<Finding> found = node instanceof Expr.Call call ? matchCall(call, facts)
                        : node instanceof Expr.Binary binary ? matchBinary(binary, facts)
                        : node instanceof Stmt.Assign assign ? matchAssign(assign, facts)
                        : node instanceof Stmt.LocalDecl local ? matchLocal(local, facts)
                        : node instanceof Stmt.Loop loop ? matchLoop(loop, facts)
                        : node instanceof Stmt.Return ret ? matchReturn(ret, facts)
                        : Optional.empty();
                found.ifPresent(findings::add);
            }
        }
        return findings;
    }

    /** A finding of this rule at {@code span} in the file of {@code clazz}, with its default severity. */
    default Finding.Builder finding(ClassFacts clazz, SourceSpan span) {
        return new Finding.Builder(id(), metadata().defaultSeverity(), clazz.file().path(), span);
    }

    /** A finding of this rule at {@code span} in the method of {@code facts}. */
    default Finding.Builder finding(MethodFacts facts, SourceSpan span) {
        return finding(facts.context(), span);
    }
}
