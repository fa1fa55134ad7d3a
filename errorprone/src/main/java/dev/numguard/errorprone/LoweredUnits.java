package dev.numguard.errorprone;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import dev.numguard.rules.running.FileAnalysis;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Each compilation unit lowered and analysed once per compilation, whichever of numguard's
 * checkers asks first; the others reuse the model and its per-class facts. Keys are the javac trees themselves, held weakly so that a
 * long-lived compiler (an IDE, a Gradle daemon) does not keep old trees alive.
 */
final class LoweredUnits {
    private static final Map<CompilationUnitTree, FileAnalysis> MODELS = new WeakHashMap<>();

    private LoweredUnits() {
    }

    static FileAnalysis of(CompilationUnitTree unit, CharSequence source) {
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(unit, u -> FileAnalysis.of(new JavacLowering((JCCompilationUnit) u,
                    source.toString()).lower(pathOf(u))));
        }
    }

    private static String pathOf(CompilationUnitTree unit) {
        return unit.getSourceFile() == null ? "<unknown>" : unit.getSourceFile().getName();
    }
}
