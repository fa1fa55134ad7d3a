package dev.numguard.analyzer.fix;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.PackageDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SimpleName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The imports a fix made unused: a single-type or single-static import whose simple name the
 * original file used and the fixed file no longer does (e.g. {@code java.util.Arrays} after a
 * stream sum became a {@code StableMath} call). Imports that were unused before the fix are the
 * author's business and stay; so does an import whose name a comment still mentions (a Javadoc
 * {@code {@link}} needs it).
 */
final class UnusedImports {
    private UnusedImports() {
    }

    /** {@code fixed} without the lines of the imports the fix made unused. */
    static String removeBecameUnused(CompilationUnit original, CompilationUnit fixedUnit, String fixed) {
        Set<String> usedBefore = namesUsed(original);
        Set<String> usedAfter = namesUsed(fixedUnit);
        List<ImportDeclaration> unused = new ArrayList<>();
        for (ImportDeclaration declaration : fixedUnit.getImports()) {
            if (declaration.isAsterisk()) {
                continue;
            }
            String name = declaration.getName().getIdentifier();
            if (usedBefore.contains(name) && !usedAfter.contains(name) && !mentionedInComments(fixedUnit, name)) {
                unused.add(declaration);
            }
        }
        StringBuilder out = new StringBuilder(fixed);
        for (int i = unused.size() - 1; i >= 0; i--) {
            ImportDeclaration declaration = unused.get(i);
            int start = TextLines.lineStart(fixed, declaration.getBegin().orElseThrow().line);
            int end = TextLines.lineStart(fixed, declaration.getEnd().orElseThrow().line + 1);
            if (!fixed.substring(start, end).strip().equals(declaration.toString().strip())) {
                continue; // shares its line with other code: leave it
            }
            // judged on the text as it is now: the imports after this one may be gone already
            String now = out.toString();
            int next = TextLines.nextLineStart(now, end);
            if (blankLineBefore(now, start) && next >= 0 && now.substring(end, next).isBlank()) {
                end = next; // the last import of a block: keep one blank line, not two
            }
            out.delete(start, end);
        }
        return out.toString();
    }

    /** Every identifier the code uses outside the package and import declarations. */
    private static Set<String> namesUsed(CompilationUnit unit) {
        Set<String> names = new HashSet<>();
        for (SimpleName name : unit.findAll(SimpleName.class)) {
            if (!insideHeader(name)) {
                names.add(name.getIdentifier());
            }
        }
        for (Name name : unit.findAll(Name.class)) {
            if (!insideHeader(name)) {
                names.add(name.getIdentifier());
            }
        }
        return names;
    }

    private static boolean insideHeader(Node node) {
        return node.findAncestor(ImportDeclaration.class).isPresent()
                || node.findAncestor(PackageDeclaration.class).isPresent();
    }

    private static boolean mentionedInComments(CompilationUnit unit, String name) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
        for (Comment comment : unit.getAllContainedComments()) {
            if (word.matcher(comment.getContent()).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean blankLineBefore(String text, int lineStart) {
        if (lineStart == 0) {
            return true;
        }
        int previous = text.lastIndexOf('\n', lineStart - 2);
        return text.substring(previous + 1, lineStart).isBlank();
    }
}
