package dev.numguard.rules.fixes;

import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import java.util.List;
import java.util.Optional;

/**
 * What a fix leaves behind once the formula it replaced is gone: the reads of a local, and the
 * edit that deletes a statement as whole lines, so a fix can remove what only fed that formula.
 */
public final class DeadCode {
    private DeadCode() {
    }

    /** Every read of the local or parameter {@code id} in the method. */
    public static List<Expr.VarRead> readsOf(VarId id, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.VarRead v && v.id().equals(id))
                .map(Expr.VarRead.class::cast).toList();
    }

    /**
     * The edit that deletes {@code statement} with its whole lines (indentation and line break),
     * when nothing else shares those lines; empty otherwise.
     */
    public static Optional<TextEdit> deleteLines(Stmt statement, ClassFacts context) {
        String text = context.file().text();
        int start = context.lineStart(statement.span().start());
        if (!SourceEdits.startsLine(statement.span().start(), context)) {
            return Optional.empty();
        }
        int end = statement.span().end();
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '\r') {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '\n') {
            end++;
        } else if (end < text.length() && text.charAt(end - 1) != '\r') {
            return Optional.empty();
        }
        return Optional.of(new TextEdit(start, end, ""));
    }

    /**
     * The edit that deletes the declaration of one local with its whole lines; empty when the
     * statement declares others too ({@code double sum = 0, sumSq = 0;}).
     */
    public static Optional<TextEdit> deleteDeclaration(Stmt.LocalDecl declaration, MethodFacts facts) {
        boolean shared = facts.statements().stream().anyMatch(s -> s instanceof Stmt.LocalDecl other && other != declaration
                && other.span().equals(declaration.span()));
        return shared ? Optional.empty() : deleteLines(declaration, facts.context());
    }

    /** The statement right after {@code statement} in its block, if any. */
    public static Optional<Stmt> next(Stmt statement, MethodFacts facts) {
        return SourceEdits.parentBlock(facts.method(), statement).flatMap(block -> {
            int i = block.statements().indexOf(statement);
            return i + 1 < block.statements().size() ? Optional.of(block.statements().get(i + 1)) : Optional.empty();
        });
    }
}
