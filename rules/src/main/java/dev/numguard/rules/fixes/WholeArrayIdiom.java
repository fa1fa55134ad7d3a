package dev.numguard.rules.fixes;

import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.IterationSource;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * Decides when an idiom is the whole method over one array {@code x}, so the fix may replace the
 * method's statements by one runtime-guards call: every exponent is exactly an element of
 * {@code x}, and the body holds nothing but local declarations, loops over all of {@code x} that
 * write only locals, and the final {@code return}. Then no intermediate is used anywhere else.
 */
public final class WholeArrayIdiom {
    private WholeArrayIdiom() {
    }

    /**
     * The array whose elements {@code exponent} is, in {@code facts}' method: {@code x[i]} with
     * {@code i} a loop's induction variable, the element of an enhanced for over {@code x}, or the
     * parameter of a stream lambda over {@code x}. {@code null} stands for the element of
     * {@code stream} (a method reference mapping).
     */
    public static Optional<String> arrayOf(Expr exponent, MethodFacts facts, StreamPipeline stream) {
        if (exponent == null) {
            return stream != null && Nodes.stripCasts(stream.source()) instanceof Expr.VarRead v
                    ? Optional.of(v.name()) : Optional.empty();
        }
        Expr e = Nodes.stripCasts(exponent);
        if (e instanceof Expr.ArrayElement element && Nodes.stripCasts(element.array()) instanceof Expr.VarRead array
                && array.kind() != VarKind.FIELD && Nodes.stripCasts(element.index()) instanceof Expr.VarRead index) {
            boolean induction = facts.loops().stream().anyMatch(l -> index.name().equals(l.inductionVariable()));
            return induction ? Optional.of(array.name()) : Optional.empty();
        }
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            for (Stmt.Loop loop : facts.loops()) {
                if (loop.kind() == LoopKind.FOR_EACH && loop.element().name().equals(v.name())
                        && loop.span().contains(v.span())
                        && loop.source() == IterationSource.ARRAY && loop.iterable() instanceof Expr.VarRead array) {
                    return Optional.of(array.name());
                }
            }
            return lambdaSource(v.name(), facts);
        }
        return Optional.empty();
    }

    private static Optional<String> lambdaSource(String parameter, MethodFacts facts) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Call call && call.args().size() == 1 && call.target() != null
                    && (call.name().equals("map") || call.name().equals("mapToDouble"))
                    && call.args().get(0) instanceof Expr.Lambda lambda && lambda.parameters().equals(List.of(parameter))) {
                Expr stage = call.target();
                if (stage instanceof Expr.Call source && source.name().equals("stream") && source.args().size() == 1
                        && Nodes.stripCasts(source.args().get(0)) instanceof Expr.VarRead array) {
                    return Optional.of(array.name());
                }
            }
        }
        return Optional.empty();
    }

    /** Maps an array name seen inside a helper to the caller's argument for that parameter. */
    public static Optional<String> toCaller(String helperName, MethodModel helper, Expr.Call call) {
        for (int i = 0; i < helper.parameters().size(); i++) {
            if (helper.parameters().get(i).name().equals(helperName)) {
                return Nodes.stripCasts(call.args().get(i)) instanceof Expr.VarRead v ? Optional.of(v.name())
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * True when the method's body is nothing but the idiom over array {@code x}: local
     * declarations, loops over all of {@code x} (or of a local array as long) writing only locals,
     * and one final {@code return}; no call other than pure math and stream calls.
     */
    public static boolean bodyIsOnlyIdiom(MethodFacts facts, String x) {
        MethodModel method = facts.method();
        if (method.body() == null || method.body().statements().isEmpty()) {
            return false;
        }
        List<Stmt> top = method.body().statements();
        if (!(top.get(top.size() - 1) instanceof Stmt.Return ret) || ret.value() == null) {
            return false;
        }
        if (!facts.elementWritesAll(x).isEmpty() || facts.declaration(x) == null && method.parameter(x) == null) {
            return false;
        }
        for (Stmt s : top.subList(0, top.size() - 1)) {
            if (!(s instanceof Stmt.LocalDecl || s instanceof Stmt.Loop)) {
                return false;
            }
        }
        for (Stmt s : Nodes.statements(method.body())) {
            boolean allowed = s instanceof Stmt.Block || s instanceof Stmt.LocalDecl || s instanceof Stmt.Return
                    || s instanceof Stmt.Loop loop && coversArray(loop, x, facts)
                    || s instanceof Stmt.Assign a && writesLocal(a.target())
                    || s instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Unary u && u.op().assigns();
            if (!allowed) {
                return false;
            }
        }
        for (Expr e : Nodes.expressions(method.body())) {
            if (e instanceof Expr.Call call && !MathCalls.isMathOwner(call.ownerType()) && !isStreamCall(call)
                    && facts.context().helper(call).isEmpty()) {
                return false;
            }
            if (e instanceof Expr.Other o && o.kind().equals("assignment")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStreamCall(Expr.Call call) {
        return call.ownerType().endsWith("Stream") || call.ownerType().startsWith("java.util.Optional")
                || call.ownerType().endsWith("Arrays") && call.name().equals("stream");
    }

    private static boolean writesLocal(Expr target) {
        Expr t = Nodes.stripCasts(target);
        while (t instanceof Expr.ArrayElement element) {
            t = Nodes.stripCasts(element.array());
        }
        return t instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL;
    }

    /** {@code for (int i = 0; i < a.length; i++)} with {@code a} being x or as long, or for-each over x. */
    public static boolean coversArray(Stmt.Loop loop, String x, MethodFacts facts) {
        if (loop.kind() == LoopKind.FOR_EACH) {
            return loop.iterable() instanceof Expr.VarRead v && v.name().equals(x);
        }
        if (loop.kind() != LoopKind.FOR || loop.init().size() != 1 || loop.update().size() != 1) {
            return false;
        }
        String i = loop.inductionVariable();
        if (i == null || !(loop.init().get(0) instanceof Stmt.LocalDecl d) || !MathCalls.isLiteral(d.init(), 0)) {
            return false;
        }
        if (!(loop.update().get(0) instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Unary u
                && (u.op() == UnaryOp.POST_INCREMENT || u.op() == UnaryOp.PRE_INCREMENT))) {
            return false;
        }
        return loop.condition() instanceof Expr.Binary cmp && cmp.op() == BinaryOp.LESS && Nodes.isLocal(cmp.left(), i)
                && isLengthOf(cmp.right(), x, facts);
    }

    private static boolean isLengthOf(Expr e, String x, MethodFacts facts) {
        Expr resolved = Nodes.stripCasts(facts.resolve(e));
        if (!(resolved instanceof Expr.VarRead length) || !length.name().equals("length")
                || !(length.qualifier() instanceof Expr.VarRead array)) {
            return false;
        }
        if (array.name().equals(x)) {
            return true;
        }
        Stmt.LocalDecl decl = facts.declaration(array.name());
        return decl != null && decl.init() instanceof Expr.Other creation && creation.kind().equals("new-array")
                && creation.children().size() == 1 && isLengthOf(creation.children().get(0), x, facts);
    }

    /** Replaces every statement of the method body by {@code statement}. */
    public static TextEdit replaceBody(MethodModel method, String statement) {
        List<Stmt> top = method.body().statements();
        return new TextEdit(top.get(0).span().start(), top.get(top.size() - 1).span().end(), statement);
    }
}
