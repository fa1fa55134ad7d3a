package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.TypeInfo;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The log of a determinant taken of a matrix that is built, in the expression itself, from a 2-D
 * double array: {@code new Matrix(a).det()} (Jama), {@code new SimpleMatrix(a).determinant()}, or
 * {@code new LUDecomposition(new Array2DRowRealMatrix(a)).getDeterminant()}. A determinant is a
 * product of n pivots and underflows (or overflows) by itself for a few hundred dimensions, so
 * the log of a product that has it as a factor cannot be fixed by summing logs of the factors
 * unless the determinant's own log is computed without forming it: {@code LogDeterminant.ofMagnitude(a)},
 * which factors {@code a} as the libraries' {@code det()} does and sums the logs of the pivots'
 * magnitudes. Dropping the sign keeps the result wherever the original log was finite: there the
 * product is positive, so the determinants' signs cancel (or are all positive).
 *
 * <p>Only a matrix constructed from the array right there is recognised: a matrix held in a
 * variable may have been changed since it was built, and one of unknown origin has no array to
 * hand over.
 */
public final class DeterminantLogs {
    public static final String LOG_DETERMINANT = "dev.numguard.guards.LogDeterminant";
    private static final Pattern DETERMINANT = Pattern.compile("det|determinant|getDeterminant");
    /** A decomposition wrapped around the matrix ({@code new LUDecomposition(m)}) is one more constructor. */
    private static final int MAX_WRAPPERS = 2;

    private DeterminantLogs() {
    }

    /** {@code LogDeterminant.ofMagnitude(a)} for the determinant {@code factor}; empty when it is not one taken of an array. */
    public static Optional<String> logOf(Expr factor, ClassFacts context) {
        if (!(Nodes.stripCasts(factor) instanceof Expr.Call det) || !DETERMINANT.matcher(det.name()).matches()
                || !det.args().isEmpty() || det.target() == null || det.isStatic()
                || !(det.type().numeric() == NumericType.DOUBLE && det.type().isFloatingScalar() || unresolved(det.type()))) {
            return Optional.empty();
        }
        return arrayOf(det.target(), 0).map(a -> LOG_DETERMINANT + ".ofMagnitude(" + context.text(a) + ")");
    }

    /** A library type the analysis runs without (no classpath): a determinant's double is then not declared. */
    private static boolean unresolved(TypeInfo type) {
        return type.name().equals("?");
    }

    /** The 2-D double array a chain of one-argument constructors around it is built from. */
    private static Optional<Expr> arrayOf(Expr receiver, int depth) {
        Expr x = Nodes.stripCasts(receiver);
        if (depth > MAX_WRAPPERS || !(x instanceof Expr.Other creation) || !creation.kind().equals("new")
                || creation.children().size() != 1) {
            return Optional.empty();
        }
        Expr argument = creation.children().get(0);
        TypeInfo type = argument.type();
        if (type.numeric() == NumericType.DOUBLE && type.arrayDimensions() == 2) {
            return Optional.of(argument);
        }
        return arrayOf(argument, depth + 1);
    }
}
