package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Entries of an orthonormal factor of a matrix decomposition: the eigenvectors of a symmetric
 * eigendecomposition ({@code evd.getV()}, {@code getEigenvector(k)}), the singular vectors of an
 * SVD ({@code getU()}, {@code getV()}) and the {@code Q} of a QR decomposition, read element by
 * element ({@code V.get(i, j)}, {@code V.doubleValue(i, j)}, {@code V.getArray()[i][j]}). Their
 * columns have norm 1, so every entry lies in [-1, 1]: its square cannot overflow, and a sum of
 * such squares is at least the square of the largest entry, which is 1/n or more for a whole column.
 * The accessor names are the ones matrix libraries share (JAMA, Commons Math, EJML, ojAlgo); a
 * {@code getV()} counts only on a receiver whose type names a decomposition.
 */
final class OrthonormalFactors {
    private static final Set<String> FACTORS = Set.of("getV", "getU", "getQ", "getVT", "getUT", "getQT");
    private static final Set<String> EIGENVECTORS = Set.of("getEigenvector", "getEigenvectors", "getEigenVector",
            "getEigenVectors");
    /** The type of a decomposition object, so that a {@code getV()} of a vertex or a velocity is not taken. */
    private static final Pattern DECOMPOSITION = Pattern.compile("(?i).*(eigen|svd|singular|qr|decompos|spectral).*");
    /** Calls that hand on the same matrix or its storage: copies, transposes, raw arrays, columns. */
    private static final Set<String> SAME_ENTRIES = Set.of("getArray", "getArrayCopy", "getData", "toArray",
            "toRawCopy2D", "copy", "transpose", "getColumn", "getRow", "getColumnVector", "getRowVector", "getData2D");
    private static final int MAX_DEPTH = 6;

    private OrthonormalFactors() {
    }

    /** Whether {@code e} reads one entry of an orthonormal factor (through locals). */
    static boolean entry(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Call call && call.target() != null && !call.args().isEmpty()) {
            return factor(call.target(), facts, 0);
        }
        return x instanceof Expr.ArrayElement element && factor(element.array(), facts, 0);
    }

    private static boolean factor(Expr e, MethodFacts facts, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (x instanceof Expr.Call call) {
            return EIGENVECTORS.contains(call.name()) && call.target() != null
                    || FACTORS.contains(call.name()) && call.target() != null
                    && DECOMPOSITION.matcher(call.target().type().name()).matches()
                    || SAME_ENTRIES.contains(call.name()) && call.target() != null
                    && factor(call.target(), facts, depth + 1);
        }
        if (x instanceof Expr.ArrayElement row) {
            return factor(row.array(), facts, depth + 1); // a row of a two-dimensional factor
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            Expr value = facts.resolve(v);
            return value != v && factor(value, facts, depth + 1);
        }
        return false;
    }
}
