package dev.numguard.rules.facts;

import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stream reduction: {@code Arrays.stream(x).map(Math::exp).sum()},
 * {@code list.stream().mapToDouble(v -> Math.exp(v)).sum()},
 * {@code DoubleStream.of(p).reduce(1.0, (a, b) -> a * b)}, {@code Arrays.stream(x).max().getAsDouble()}.
 *
 * @param source the array or collection streamed ({@code x}, {@code list}); null when the stream
 *     does not start from one
 * @param mappings the {@code map}/{@code mapToDouble}/{@code mapToObj} functions applied in order
 *     (a {@link Expr.Lambda} or {@link Expr.MethodRef}), empty when none
 * @param kind SUM, PRODUCT, MAX, MIN, or MEAN for {@code average()}
 * @param terminal the terminal call ({@code sum()}, {@code reduce(..)}, {@code max()})
 */
public record StreamPipeline(Expr source, List<Expr> mappings, ReductionKind kind, Expr.Call terminal) {

    /** The pipeline {@code e} ends, when it is a recognised stream reduction. */
    public static Optional<StreamPipeline> of(Expr e) {
        Expr current = Nodes.stripCasts(e);
        if (current instanceof Expr.Call unwrap && unwrap.args().isEmpty() && unwrap.target() != null
                && (unwrap.name().equals("getAsDouble") || unwrap.name().equals("orElseThrow")
                || unwrap.name().equals("getAsInt")) || current instanceof Expr.Call orElse
                && orElse.name().equals("orElse") && orElse.target() != null && orElse.args().size() == 1) {
            current = ((Expr.Call) current).target();
        }
        if (!(current instanceof Expr.Call terminal) || terminal.target() == null) {
            return Optional.empty();
        }
        ReductionKind kind = terminalKind(terminal);
        if (kind == null) {
            return Optional.empty();
        }
        List<Expr> mappings = new ArrayList<>();
        Expr stage = terminal.target();
        while (stage instanceof Expr.Call call && call.target() != null && call.args().size() == 1
                && (call.name().equals("map") || call.name().equals("mapToDouble") || call.name().equals("mapToObj")
                || call.name().equals("boxed") || call.name().equals("parallel") || call.name().equals("sequential"))) {
            mappings.add(0, call.args().get(0));
            stage = call.target();
        }
        while (stage instanceof Expr.Call call && call.target() != null && call.args().isEmpty()
                && (call.name().equals("parallel") || call.name().equals("sequential"))) {
            stage = call.target();
        }
        Expr source = source(stage);
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(new StreamPipeline(source, mappings, kind, terminal));
    }

    private static Expr source(Expr stage) {
        if (!(stage instanceof Expr.Call call)) {
            return null;
        }
        boolean arraysStream = call.name().equals("stream") && call.target() == null && !call.args().isEmpty()
                && (call.ownerType().endsWith("Arrays") || call.ownerType().equals("?"));
        boolean streamOf = call.name().equals("of") && call.args().size() == 1
                && (call.ownerType().endsWith("DoubleStream") || call.ownerType().endsWith("Stream"));
        if (arraysStream || streamOf) {
            return call.args().get(0);
        }
        if (call.name().equals("stream") && call.args().isEmpty() && call.target() != null) {
            return call.target();
        }
        return null;
    }

    private static ReductionKind terminalKind(Expr.Call terminal) {
        if (terminal.name().equals("sum") && terminal.args().isEmpty()) {
            return ReductionKind.SUM;
        }
        if (terminal.name().equals("average") && terminal.args().isEmpty()) {
            return ReductionKind.MEAN;
        }
        if (terminal.name().equals("max") && terminal.args().isEmpty()) {
            return ReductionKind.MAX;
        }
        if (terminal.name().equals("min") && terminal.args().isEmpty()) {
            return ReductionKind.MIN;
        }
        if (terminal.name().equals("reduce") && terminal.args().size() == 2) {
            Expr identity = terminal.args().get(0);
            Expr op = terminal.args().get(1);
            if (MathCalls.isLiteral(identity, 1) && isBinaryFunction(op, BinaryOp.MULTIPLY, "multiply")) {
                return ReductionKind.PRODUCT;
            }
            if (MathCalls.isLiteral(identity, 0) && isBinaryFunction(op, BinaryOp.ADD, "sum")) {
                return ReductionKind.SUM;
            }
        }
        return null;
    }

    /** {@code (a, b) -> a * b} or a method reference such as {@code Double::sum}. */
    private static boolean isBinaryFunction(Expr op, BinaryOp operator, String methodName) {
        if (op instanceof Expr.MethodRef ref) {
            return ref.name().equals(methodName);
        }
        if (op instanceof Expr.Lambda lambda && lambda.parameters().size() == 2 && lambda.body() != null
                && Nodes.stripCasts(lambda.body()) instanceof Expr.Binary b && b.op() == operator) {
            String p = lambda.parameters().get(0);
            String q = lambda.parameters().get(1);
            return Nodes.isLocal(b.left(), p) && Nodes.isLocal(b.right(), q)
                    || Nodes.isLocal(b.left(), q) && Nodes.isLocal(b.right(), p);
        }
        return false;
    }

    /**
     * The result of the single mapping applied to the element named {@code element}: for
     * {@code v -> f(v)} the body {@code f(v)}; empty for a method reference (see
     * {@link #mappedFunction()}), or when there is not exactly one mapping.
     */
    public Optional<Expr.Lambda> singleLambda() {
        return mappings.size() == 1 && mappings.get(0) instanceof Expr.Lambda l && l.parameters().size() == 1
                && l.body() != null ? Optional.of(l) : Optional.empty();
    }

    /** For a single {@code Math::f} mapping, the name {@code f}. */
    public Optional<String> mappedFunction() {
        return mappings.size() == 1 && mappings.get(0) instanceof Expr.MethodRef r && MathCalls.isMathOwner(r.ownerType())
                ? Optional.of(r.name()) : Optional.empty();
    }
}
