package dev.numguard.rules.fixes;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fix leaves behind once the formula it replaced is gone: the reads of a local, and the
 * edit that deletes a statement as whole lines, so a fix can remove what only fed that formula.
 */
public final class DeadCode {
    private static final int MAX_HELPER_DEPTH = 3;

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
     * The edit that deletes a private method the fix stops calling: its Javadoc, its lines and one
     * blank line before it, when its name appears nowhere else in the file than in its declaration
     * and the one call {@code replaced} (no overload, no method reference, no mention in a comment).
     */
    public static Optional<TextEdit> deleteUnusedPrivateMethod(MethodModel method, Expr.Call replaced, ClassFacts context) {
        String text = context.file().text();
        if (!method.isPrivate() || method.body() == null) {
            return Optional.empty();
        }
        Matcher mentions = Pattern.compile("\\b" + Pattern.quote(method.name()) + "\\b").matcher(text);
        int count = 0;
        boolean inCall = false;
        while (mentions.find()) {
            count++;
            inCall |= mentions.start() >= replaced.span().start() && mentions.end() <= replaced.span().end();
        }
        int end = method.body().span().end();
        if (count != 2 || !inCall || end <= 0 || text.charAt(end - 1) != '}') {
            return Optional.empty();
        }
        // from the Javadoc, which one front end counts into the span and the other does not
        int first = method.span().start();
        int start = context.lineStart(first);
        String before = text.substring(0, start).stripTrailing();
        if (before.endsWith("*/")) {
            int docStart = before.lastIndexOf("/*");
            if (docStart < 0 || !text.substring(context.lineStart(docStart), docStart).isBlank()) {
                return Optional.empty();
            }
            start = context.lineStart(docStart);
        }
        if (!text.substring(context.lineStart(first), first).isBlank()) {
            return Optional.empty();
        }
        int lineEnd = text.indexOf('\n', end);
        if (lineEnd < 0 || !text.substring(end, lineEnd).isBlank()) {
            return Optional.empty();
        }
        int previous = context.lineStart(Math.max(0, start - 1));
        if (start > 0 && text.substring(previous, start).isBlank()) {
            start = previous;                               // the blank line that separated it
        }
        return Optional.of(new TextEdit(start, lineEnd + 1, ""));
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

    /**
     * The deletions of what only fed {@code replaced}, once a fix replaces it by {@code replacement}
     * (the {@code double p = sigmoid(z)} a cross-entropy fix no longer reads): each local whose
     * every use is in it, in the local's own updates, or in another local deleted with it (the sum
     * that fed the mean that fed the formula), with its declaration and updates, when those compute
     * without side effects and each is a statement on lines of its own; and then a loop whose body
     * is all deleted, when its header has no other effect. Locals the replacement names stay, and
     * so do those the formula never read: code that was dead before the fix is its author's business.
     */
    public static List<TextEdit> onlyFeeding(SourceSpan replaced, String replacement, MethodFacts facts) {
        List<Range> gone = new ArrayList<>(List.of(new Range(replaced.start(), replaced.end())));
        List<TextEdit> deletions = new ArrayList<>();
        Set<VarId> dead = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt s : facts.statements()) {
                if (!(s instanceof Stmt.LocalDecl declaration) || declaration.init() == null
                        || dead.contains(declaration.id()) || names(replacement, declaration.name())) {
                    continue;
                }
                Optional<List<TextEdit>> lines = deadLocal(declaration, gone, facts);
                if (lines.isPresent()) {
                    dead.add(declaration.id());
                    gone.addAll(lines.get().stream().map(Range::of).toList());
                    deletions.addAll(lines.get());
                    changed = true;
                }
            }
        }
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.Loop loop && !deletions.isEmpty() && emptiedBy(loop, deletions, facts)) {
                Optional<TextEdit> whole = deleteLines(loop, facts.context());
                if (whole.isPresent()) {
                    deletions.removeIf(edit -> whole.get().start() <= edit.start() && edit.end() <= whole.get().end());
                    deletions.add(whole.get());
                }
            }
        }
        return deletions;
    }

    /**
     * The deletions of {@code declaration} and its updates when the local is read only in
     * {@code gone} and those updates, at least once in {@code gone}; empty otherwise.
     */
    private static Optional<List<TextEdit>> deadLocal(Stmt.LocalDecl declaration, List<Range> gone,
                                                      MethodFacts facts) {
        List<Stmt> updates = facts.statements().stream().filter(s -> s instanceof Stmt.Assign a
                && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.id().equals(declaration.id())).toList();
        List<Expr.VarRead> reads = readsOf(declaration.id(), facts);
        boolean fedGone = reads.stream().anyMatch(read -> within(read.span(), gone));
        boolean onlyThere = reads.stream().allMatch(read -> within(read.span(), gone)
                || updates.stream().anyMatch(u -> u.span().contains(read.span())));
        boolean pure = sideEffectFree(declaration.init(), facts.context(), 0) && updates.stream()
                .allMatch(u -> sideEffectFree(((Stmt.Assign) u).value(), facts.context(), 0));
        if (!fedGone || !onlyThere || !pure) {
            return Optional.empty();
        }
        List<TextEdit> lines = new ArrayList<>();
        deleteDeclaration(declaration, facts).ifPresent(lines::add);
        updates.forEach(u -> deleteLines(u, facts.context()).ifPresent(lines::add));
        return lines.size() == updates.size() + 1 ? Optional.of(lines) : Optional.empty();
    }

    /** True when {@code text} mentions {@code local} as a name of its own (not as {@code a.local} or {@code localX}). */
    private static boolean names(String text, String local) {
        return Pattern.compile("(?<![\\p{javaJavaIdentifierPart}.])" + Pattern.quote(local)
                + "(?!\\p{javaJavaIdentifierPart})").matcher(text).find();
    }

    private static boolean within(SourceSpan span, List<Range> ranges) {
        return ranges.stream().anyMatch(outer -> outer.start() <= span.start() && span.end() <= outer.end());
    }

    /** Characters {@code [start, end)} of the file: a replaced expression or deleted lines. */
    private record Range(int start, int end) {
        static Range of(TextEdit edit) {
            return new Range(edit.start(), edit.end());
        }
    }

    /**
     * True when every statement of the loop's body is deleted and its header only walks an array
     * or a list ({@code for (double v : x)}) or counts a variable of its own
     * ({@code for (int i = 0; i < n; i++)}).
     */
    private static boolean emptiedBy(Stmt.Loop loop, List<TextEdit> deletions, MethodFacts facts) {
        List<Stmt> body = loop.body() instanceof Stmt.Block block ? block.statements() : List.of(loop.body());
        List<Range> deleted = deletions.stream().map(Range::of).toList();
        if (body.isEmpty() || !body.stream().allMatch(s -> within(s.span(), deleted))) {
            return false;
        }
        ClassFacts context = facts.context();
        return switch (loop.kind()) {
            case FOR_EACH -> sideEffectFree(loop.iterable(), context, 0);
            case FOR -> loop.inductionVariable() != null && loop.init().size() == 1
                    && loop.init().get(0) instanceof Stmt.LocalDecl counter && counter.init() != null
                    && counter.name().equals(loop.inductionVariable()) && sideEffectFree(counter.init(), context, 0)
                    && loop.condition() != null && sideEffectFree(loop.condition(), context, 0)
                    && loop.update().stream().allMatch(u -> countsOnly(u, counter, context));
            default -> false;
        };
    }

    /** {@code i++}, {@code i += step}: an update that only moves the loop's own counter. */
    private static boolean countsOnly(Stmt update, Stmt.LocalDecl counter, ClassFacts context) {
        if (update instanceof Stmt.Assign a) {
            return Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.id().equals(counter.id())
                    && sideEffectFree(a.value(), context, 0);
        }
        return update instanceof Stmt.ExprStmt e && e.expr() instanceof Expr.Unary u && u.op().assigns()
                && Nodes.stripCasts(u.operand()) instanceof Expr.VarRead v && v.id().equals(counter.id());
    }

    /**
     * True when evaluating {@code e} changes nothing: arithmetic, reads, {@code Math} calls, and
     * calls of this class's methods whose body is one {@code return} of such an expression.
     */
    private static boolean sideEffectFree(Expr e, ClassFacts context, int depth) {
        for (Expr x : Nodes.expressions(e)) {
            boolean free = x instanceof Expr.Literal || x instanceof Expr.VarRead || x instanceof Expr.ArrayElement
                    || x instanceof Expr.Binary || x instanceof Expr.Cast || x instanceof Expr.Conditional
                    || x instanceof Expr.Unary u && !u.op().assigns()
                    || x instanceof Expr.Call call && (MathCalls.isMathOwner(call.ownerType())
                    || depth < MAX_HELPER_DEPTH && context.helper(call).flatMap(Nodes::singleReturnValue)
                    .filter(returned -> sideEffectFree(returned, context, depth + 1)).isPresent());
            if (!free) {
                return false;
            }
        }
        return true;
    }

    /** The statement right after {@code statement} in its block, if any. */
    public static Optional<Stmt> next(Stmt statement, MethodFacts facts) {
        return SourceEdits.parentBlock(facts.method(), statement).flatMap(block -> {
            int i = block.statements().indexOf(statement);
            return i + 1 < block.statements().size() ? Optional.of(block.statements().get(i + 1)) : Optional.empty();
        });
    }
}
