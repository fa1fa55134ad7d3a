package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-element sums of exponentials kept in log space: an array {@code s} (a local {@code new double[n]},
 * or a parameter zeroed by a loop over all its elements) whose elements only grow by
 * {@code s[k] += Math.exp(a)} and are then logged, {@code Math.log(s[i])}, {@code Math.log(s[i] + c)},
 * {@code Math.log(s[i] / c)}, {@code Math.log(s[i] * c)}, in an expression or in place
 * ({@code s[i] = Math.log(s[i] + c)} in a loop over all elements). Each element then holds its log from
 * the start: {@code -Infinity} (the zeroing writes it, or {@code Arrays.fill} after the allocation),
 * {@code s[k] = StableMath.logAddExp(s[k], a)}, and the logs read it as {@code s[i]},
 * {@code StableMath.logAddExpLinear(s[i], c)}, {@code s[i] - Math.log(c)}, {@code s[i] + Math.log(c)}.
 * A loop that only logs in place ({@code s[i] = Math.log(s[i])}) goes; one that logs the elements a
 * condition picks ({@code if (h[i]) s[i] = Math.log(s[i])}) turns the others back into sums,
 * {@code if (!h[i]) s[i] = Math.exp(s[i])}, so that every element ends as it did.
 *
 * <p>Any other read of an element must come after such an in-place log loop on every path (it reads
 * the same logs as before), and the array must not escape (only its elements and its length are read).
 * For a parameter, the caller sees the array: every return must follow an in-place log loop, and every
 * exponential added must follow the zeroing. Review: the ending values differ from the original by
 * rounding, an element whose exponentials all underflowed holds their log instead of log(0), and an
 * exception thrown between the zeroing and the log leaves logs, not sums, in a parameter.
 */
public final class ElementLogSpace {
    private static final String STABLE_MATH = LogSumExpFixes.STABLE_MATH;
    private static final String NEGATIVE_INFINITY = "Double.NEGATIVE_INFINITY";

    private final MethodFacts facts;
    private final ClassFacts context;
    private final String array;
    private final Map<Stmt, Stmt> parents = new IdentityHashMap<>();
    /** The full loops that log every element in place (or turn the unlogged ones back). */
    private final List<Stmt.Loop> logLoops = new ArrayList<>();
    /** The full loops that zero every element. */
    private final List<Stmt.Loop> zeroLoops = new ArrayList<>();
    private final List<TextEdit> edits = new ArrayList<>();

    private ElementLogSpace(MethodFacts facts, String array) {
        this.facts = facts;
        this.context = facts.context();
        this.array = array;
    }

    /** The fix of {@code log}, a natural log of an element that holds a sum of exponentials, or empty. */
    public static Optional<Fix> of(Expr.Call log, MethodFacts facts) {
        if (MathCalls.call(log, "log", 1).isEmpty() || !MathCalls.isMathOwner(log.ownerType())) {
            return Optional.empty();
        }
        Optional<Expr.ArrayElement> element = loggedElement(log.args().get(0));
        if (element.isEmpty() || !(Nodes.stripCasts(element.get().array()) instanceof Expr.VarRead a)
                || a.kind() != VarKind.LOCAL && a.kind() != VarKind.PARAMETER
                || a.type().arrayDimensions() != 1 || a.type().numeric() != NumericType.DOUBLE) {
            return Optional.empty();
        }
        ElementLogSpace plan = new ElementLogSpace(facts, a.name());
        if (!plan.plan(log)) {
            return Optional.empty();
        }
        boolean fills = plan.edits.stream().anyMatch(e -> e.replacement().contains("java.util.Arrays.fill("));
        return Optional.of(Fix.review("Keep each element's sum of exponentials in log space with StableMath.logAddExp",
                plan.edits, fills ? List.of(STABLE_MATH, "java.util.Arrays") : List.of(STABLE_MATH)));
    }

    /** The element whose log {@code argument} takes: {@code s[i]}, {@code s[i] + c}, {@code s[i] / c}, {@code s[i] * c}. */
    private static Optional<Expr.ArrayElement> loggedElement(Expr argument) {
        Expr x = Nodes.stripCasts(argument);
        if (x instanceof Expr.ArrayElement e) {
            return Optional.of(e);
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE)) {
            if (Nodes.stripCasts(b.left()) instanceof Expr.ArrayElement e) {
                return Optional.of(e);
            }
            if (b.op() != BinaryOp.DIVIDE && Nodes.stripCasts(b.right()) instanceof Expr.ArrayElement e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private boolean plan(Expr.Call reported) {
        Nodes.visit(facts.method().body(), s -> {
            for (Stmt child : children(s)) {
                parents.put(child, s);
            }
        }, e -> { });
        boolean parameter = facts.method().parameter(array) != null;
        // the array does not escape: every mention indexes it or reads its length
        List<SourceSpan> uses = new ArrayList<>();
        List<Expr.ArrayElement> elements = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.ArrayElement el && isArray(el.array())) {
                uses.add(Nodes.stripCasts(el.array()).span());
                elements.add(el);
            } else if (e instanceof Expr.VarRead length && length.kind() == VarKind.FIELD && length.name().equals("length")
                    && length.qualifier() != null && isArray(length.qualifier())) {
                uses.add(Nodes.stripCasts(length.qualifier()).span());
            } else if (e instanceof Expr.Lambda lambda && Nodes.mentions(lambda, array)) {
                return false;
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (isArray(e) && !uses.contains(e.span())) {
                return false;
            }
        }
        // the writes: the start, the exponentials added, the logs in place
        Stmt.LocalDecl allocation = null;
        List<Stmt.Assign> zeros = new ArrayList<>();
        List<Stmt.Assign> adds = new ArrayList<>();
        List<Stmt.Assign> logs = new ArrayList<>();
        List<Definition> later = new ArrayList<>();
        for (Definition d : facts.definitions(array)) {
            if (!d.element()) {
                if (d.site() == null && parameter) {
                    continue;
                }
                if (parameter || allocation != null || !(d.site() instanceof Stmt.LocalDecl decl) || !isAllocation(decl.init())) {
                    return false;
                }
                allocation = decl;
            } else if (!(d.site() instanceof Stmt.Assign write) || !(Nodes.stripCasts(write.target()) instanceof Expr.ArrayElement target)) {
                return false;
            } else if (d.isPlain() && MathCalls.isLiteral(d.value(), 0) && fullLoop(write, false).isPresent()) {
                zeros.add(write);
                zeroLoops.add(fullLoop(write, false).get());
            } else if (d.op() == AssignOp.ADD && MathCalls.expArgument(Nodes.stripCasts(write.value())).isPresent()
                    && !Nodes.mentions(write.value(), array) && pure(target.index())) {
                adds.add(write);
            } else if (d.isPlain() && Nodes.mentions(write.value(), array) && fullLoop(write, true).isPresent()) {
                logs.add(write);
                logLoops.add(fullLoop(write, true).get());
            } else {
                later.add(d);                                   // must follow the logs in place: checked below
            }
        }
        if (adds.isEmpty() || parameter && zeroLoops.isEmpty()
                || logLoops.stream().anyMatch(l -> !facts.enclosingLoops(l.span()).stream().allMatch(o -> o == l))
                || zeroLoops.stream().anyMatch(l -> !facts.enclosingLoops(l.span()).stream().allMatch(o -> o == l))) {
            return false;
        }
        if (later.stream().anyMatch(d -> !dominated(d.site(), logLoops))) {
            return false;                                       // any other write updates the logs made in place
        }
        // each exponential added follows the start and precedes every log in place
        for (Stmt.Assign add : adds) {
            if (parameter && !dominated(add, zeroLoops) || reachedByLog(Nodes.stripCasts(add.target()), logs)) {
                return false;
            }
            Expr.Call exp = (Expr.Call) Nodes.stripCasts(add.value());
            edits.add(new TextEdit(add.target().span().start(), add.value().span().end(), context.text(add.target())
                    + " = " + STABLE_MATH + ".logAddExp(" + context.text(add.target()) + ", "
                    + context.text(MathCalls.expArgument(exp).get()) + ")"));
        }
        for (Stmt.Assign zero : zeros) {
            edits.add(TextEdit.replace(zero.value().span(), NEGATIVE_INFINITY));
        }
        if (allocation != null) {
            Optional<TextEdit> fill = fillAfter(allocation);
            if (fill.isEmpty()) {
                return false;
            }
            edits.add(fill.get());
        }
        // the reads: logs of the sums are translated, anything else must read the logs made in place
        boolean cured = false;
        List<Expr.Call> translated = new ArrayList<>();
        for (Expr.ArrayElement read : elements) {
            if (isWriteTarget(read, zeros) || isWriteTarget(read, adds) || isWriteTarget(read, logs)) {
                continue;
            }
            Optional<Expr.Call> log = logAround(read);
            Stmt.Assign inLog = logs.stream().filter(l -> l.span().contains(read.span())).findFirst().orElse(null);
            if (log.isPresent() && (inLog != null ? Nodes.sameShape(read, Nodes.stripCasts(inLog.target()))
                    : !reachedByLog(read, logs) && (!parameter || dominated(read, zeroLoops)))) {
                if (!translated.contains(log.get())) {
                    translated.add(log.get());
                }
            } else if (inLog != null || !dominated(read, logLoops)) {
                return false;
            }
        }
        for (Expr.Call log : translated) {
            cured |= log == reported || log.span().equals(reported.span());
            Stmt.Assign inLog = logs.stream().filter(l -> l.span().contains(log.span())).findFirst().orElse(null);
            if (inLog != null && Nodes.stripCasts(inLog.value()).span().equals(log.span())
                    && Nodes.stripCasts(log.args().get(0)) instanceof Expr.ArrayElement) {
                continue;                                       // s[i] = log(s[i]): handled with its loop
            }
            String replacement = translation(log);
            edits.add(replacement.startsWith("(") && standalone(log)
                    ? TextEdit.replace(log.span(), replacement.substring(1, replacement.length() - 1))
                    : SourceEdits.replaceByPrimary(log.span(), replacement, context));
        }
        for (Stmt.Assign write : logs) {
            if (Nodes.stripCasts(write.value()) instanceof Expr.Call log && MathCalls.call(log, "log", 1).isPresent()
                    && Nodes.stripCasts(log.args().get(0)) instanceof Expr.ArrayElement) {
                if (!inPlaceOnly(write, log)) {
                    return false;
                }
            } else if (guardOf(write) != null) {
                return false;                              // a condition would leave sums in the other elements
            }
        }
        if (parameter) {
            for (Stmt s : facts.statements()) {
                if (s instanceof Stmt.Return ret && !dominated(ret, logLoops) && !before(ret, zeroLoops)) {
                    return false;
                }
            }
            if (!covers(facts.method().body(), logLoops) && !endsInReturn(facts.method().body())) {
                return false;
            }
        }
        return cured;
    }

    /** {@code s[i] = Math.log(s[i])} alone in its full loop: the loop goes, or turns the unlogged elements back. */
    private boolean inPlaceOnly(Stmt.Assign write, Expr.Call log) {
        Stmt.If guard = guardOf(write);
        if (guard == null) {
            Stmt.Loop loop = fullLoop(write, true).get();
            Optional<TextEdit> gone = DeadCode.deleteLines(loop, context);
            if (gone.isEmpty()) {
                return false;
            }
            edits.add(gone.get());
            return true;
        }
        edits.add(TextEdit.replace(guard.condition().span(), negation(guard.condition())));
        edits.add(TextEdit.replace(log.span(), "Math.exp(" + context.text(log.args().get(0)) + ")"));
        return true;
    }

    /** The whole value of an assignment (compound too), initializer, return or call argument: needs no parentheses. */
    private boolean standalone(Expr.Call log) {
        return SourceEdits.isStandalone(log, facts) || facts.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a
                && Nodes.stripCasts(a.value()).span().equals(log.span()) && a.value().span().equals(log.span()));
    }

    /** The {@code if} around {@code write} (directly or as the only statement of its block), or null. */
    private Stmt.If guardOf(Stmt.Assign write) {
        Stmt parent = parents.get(write);
        return parent instanceof Stmt.If f ? f : parent instanceof Stmt.Block b && b.statements().size() == 1
                && parents.get(b) instanceof Stmt.If f ? f : null;
    }

    private String negation(Expr condition) {
        Expr c = Nodes.stripCasts(condition);
        if (c instanceof Expr.Unary not && not.op() == UnaryOp.NOT) {
            String inner = context.text(not.operand()).strip();
            return inner.startsWith("(") && inner.endsWith(")") && Nodes.stripCasts(not.operand()) instanceof Expr.Binary
                    ? inner.substring(1, inner.length() - 1) : inner;
        }
        boolean primary = c instanceof Expr.VarRead || c instanceof Expr.ArrayElement || c instanceof Expr.Call
                || c instanceof Expr.Literal;
        return primary ? "!" + context.text(condition) : "!(" + context.text(condition) + ")";
    }

    /** The log of the element read: {@code s[i]}, {@code logAddExpLinear(s[i], c)}, {@code s[i] ∓ Math.log(c)}. */
    private String translation(Expr.Call log) {
        Expr x = Nodes.stripCasts(log.args().get(0));
        if (x instanceof Expr.ArrayElement) {
            return context.text(x);
        }
        Expr.Binary b = (Expr.Binary) x;
        boolean elementLeft = Nodes.stripCasts(b.left()) instanceof Expr.ArrayElement e && isArray(e.array());
        Expr element = elementLeft ? b.left() : b.right();
        Expr other = elementLeft ? b.right() : b.left();
        String s = context.text(element);
        return switch (b.op()) {
            case ADD -> STABLE_MATH + ".logAddExpLinear(" + s + ", " + context.text(other) + ")";
            case DIVIDE -> "(" + s + " - Math.log(" + context.text(other) + "))";
            default -> "(" + s + " + Math.log(" + context.text(other) + "))";
        };
    }

    /** The log call whose argument is {@code read} itself or {@code read} combined with a term free of the array. */
    private Optional<Expr.Call> logAround(Expr.ArrayElement read) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Call log && MathCalls.call(log, "log", 1).isPresent() && MathCalls.isMathOwner(log.ownerType())
                    && log.span().contains(read.span())) {
                Expr x = Nodes.stripCasts(log.args().get(0));
                if (x.span().equals(read.span())) {
                    return Optional.of(log);
                }
                if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.MULTIPLY
                        || b.op() == BinaryOp.DIVIDE)) {
                    boolean left = Nodes.stripCasts(b.left()).span().equals(read.span());
                    boolean right = b.op() != BinaryOp.DIVIDE && Nodes.stripCasts(b.right()).span().equals(read.span());
                    Expr other = left ? b.right() : b.left();
                    if ((left || right) && !Nodes.mentions(other, array) && pure(other)) {
                        return Optional.of(log);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The loop {@code for (i = 0; i < s.length; i++)} (or {@code i < n} for {@code s = new double[n]})
     * whose body is {@code write} alone, at {@code s[i]}; with {@code guarded}, also {@code if (c) write}.
     */
    private Optional<Stmt.Loop> fullLoop(Stmt.Assign write, boolean guarded) {
        Stmt at = write;
        Stmt parent = parents.get(at);
        if (parent instanceof Stmt.Block b && b.statements().size() == 1) {
            at = b;
            parent = parents.get(b);
        }
        if (guarded && parent instanceof Stmt.If f && f.otherwise() == null && f.then() == at && !Nodes.mentions(f.condition(), array)
                && pure(f.condition())) {
            at = f;
            parent = parents.get(f);
            if (parent instanceof Stmt.Block b && b.statements().size() == 1) {
                at = b;
                parent = parents.get(b);
            }
        }
        if (!(parent instanceof Stmt.Loop loop) || loop.kind() != LoopKind.FOR || loop.body() != at) {
            return Optional.empty();
        }
        String i = loop.inductionVariable();
        if (i == null || !(Nodes.stripCasts(write.target()) instanceof Expr.ArrayElement target)
                || !Nodes.isLocal(Nodes.stripCasts(target.index()), i) || loop.init().size() != 1
                || !startsAtZero(loop.init().get(0), i) || loop.update().size() != 1
                || !(loop.condition() instanceof Expr.Binary below) || below.op() != BinaryOp.LESS
                || !Nodes.isLocal(Nodes.stripCasts(below.left()), i) || !isBound(below.right())) {
            return Optional.empty();
        }
        return Optional.of(loop);
    }

    private static boolean startsAtZero(Stmt init, String i) {
        return init instanceof Stmt.LocalDecl d && d.name().equals(i) && MathCalls.isLiteral(d.init(), 0)
                || init instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && Nodes.isLocal(a.target(), i)
                && MathCalls.isLiteral(a.value(), 0);
    }

    /** {@code s.length}, or the size {@code n} the local was allocated with (a local assigned once). */
    private boolean isBound(Expr bound) {
        Expr b = Nodes.stripCasts(bound);
        if (b instanceof Expr.VarRead length && length.kind() == VarKind.FIELD && length.name().equals("length")
                && length.qualifier() != null && isArray(length.qualifier())) {
            return true;
        }
        Stmt.LocalDecl decl = facts.declaration(array);
        return b instanceof Expr.VarRead n && (n.kind() == VarKind.LOCAL || n.kind() == VarKind.PARAMETER)
                && decl != null && decl.init() != null && isAllocation(decl.init())
                && Nodes.stripCasts(decl.init()) instanceof Expr.Other creation && creation.children().size() == 1
                && Nodes.isLocal(Nodes.stripCasts(creation.children().get(0)), n.name())
                && facts.definitions(n.name()).stream().filter(d -> d.site() != null).count() <= 1;
    }

    private static boolean isAllocation(Expr init) {
        return init != null && Nodes.stripCasts(init) instanceof Expr.Other creation && creation.kind().equals("new-array")
                && creation.children().size() == 1 && creation.children().get(0).type().numeric() == NumericType.INT;
    }

    /** {@code java.util.Arrays.fill(s, -Infinity);} on the line after the allocation. */
    private Optional<TextEdit> fillAfter(Stmt.LocalDecl allocation) {
        String text = context.file().text();
        int end = allocation.span().end();
        if (!SourceEdits.startsLine(allocation.span().start(), context) || end > text.length()) {
            return Optional.empty();
        }
        String indent = context.indentationAt(allocation.span().start());
        return Optional.of(TextEdit.insert(end, context.lineSeparator() + indent + "java.util.Arrays.fill(" + array + ", "
                + NEGATIVE_INFINITY + ");"));
    }

    private boolean isArray(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && (v.kind() == VarKind.LOCAL || v.kind() == VarKind.PARAMETER)
                && v.name().equals(array) && v.qualifier() == null;
    }

    private static boolean isWriteTarget(Expr.ArrayElement read, List<Stmt.Assign> writes) {
        return writes.stream().anyMatch(w -> Nodes.stripCasts(w.target()).span().equals(read.span()));
    }

    /** True when a log written in place can reach {@code read} (outside that write's own statement). */
    private boolean reachedByLog(Expr read, List<Stmt.Assign> logs) {
        return facts.definitionsAt(read).stream().anyMatch(d -> logs.contains(d.site()) && !d.site().span().contains(read.span()));
    }

    /** No assignment, increment or call other than a Math function: evaluating it twice changes nothing. */
    private static boolean pure(Expr e) {
        return Nodes.expressions(e).stream().allMatch(x -> x instanceof Expr.Literal || x instanceof Expr.VarRead
                || x instanceof Expr.ArrayElement || x instanceof Expr.Binary || x instanceof Expr.Cast
                || x instanceof Expr.Conditional || x instanceof Expr.Unary u && !u.op().assigns()
                || x instanceof Expr.Call c && MathCalls.isMathOwner(c.ownerType()));
    }

    /** True when one of {@code loops} runs before {@code node} on every path: an earlier statement of a block around it covers. */
    private boolean dominated(Object node, List<Stmt.Loop> loops) {
        SourceSpan span = node instanceof Stmt s ? s.span() : ((Expr) node).span();
        Stmt inner = innermost(facts.method().body(), span);
        for (Stmt at = inner; at != null; at = parents.get(at)) {
            Stmt parent = parents.get(at);
            if (parent instanceof Stmt.Block block) {
                for (Stmt before : block.statements()) {
                    if (before == at) {
                        break;
                    }
                    if (covers(before, loops)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when running {@code s} to its end runs one of {@code loops}. */
    private static boolean covers(Stmt s, List<Stmt.Loop> loops) {
        if (s instanceof Stmt.Loop loop && loops.contains(loop)) {
            return true;
        }
        if (s instanceof Stmt.Block block) {
            return block.statements().stream().anyMatch(x -> covers(x, loops));
        }
        return s instanceof Stmt.If f && f.otherwise() != null && covers(f.then(), loops) && covers(f.otherwise(), loops);
    }

    /** A return that comes before every zeroing loop (none of which is in a loop) returns before the sums start. */
    private static boolean before(Stmt.Return ret, List<Stmt.Loop> zeroLoops) {
        return zeroLoops.stream().allMatch(z -> ret.span().end() <= z.span().start());
    }

    private static boolean endsInReturn(Stmt.Block body) {
        return !body.statements().isEmpty() && body.statements().get(body.statements().size() - 1) instanceof Stmt.Return;
    }

    private static Stmt innermost(Stmt root, SourceSpan span) {
        Stmt found = null;
        for (Stmt s : Nodes.statements(root)) {
            if (s.span().contains(span) && (found == null || found.span().contains(s.span()))) {
                found = s;
            }
        }
        return found;
    }

    private static List<Stmt> children(Stmt s) {
        if (s instanceof Stmt.Block b) {
            return b.statements();
        }
        if (s instanceof Stmt.If f) {
            List<Stmt> c = new ArrayList<>();
            c.add(f.then());
            if (f.otherwise() != null) {
                c.add(f.otherwise());
            }
            return c;
        }
        if (s instanceof Stmt.Loop l) {
            List<Stmt> c = new ArrayList<>(l.init());
            c.addAll(l.update());
            c.add(l.body());
            return c;
        }
        if (s instanceof Stmt.Other o) {
            return o.children();
        }
        return List.of();
    }
}
