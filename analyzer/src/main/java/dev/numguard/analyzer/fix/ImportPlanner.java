package dev.numguard.analyzer.fix;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.PackageDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.TypeParameter;
import java.util.Optional;

/**
 * Decides, for one compilation unit, whether a fully qualified name a fix uses can be written by
 * its simple name. It errs towards keeping the qualified name: a longer line is harmless, a name
 * that silently binds to another type is not.
 *
 * <p>The simple name {@code C} of {@code a.b.C} is taken (and the name stays qualified) when the
 * file
 * <ul>
 *   <li>declares a type or type parameter named {@code C} anywhere (it would shadow the import);</li>
 *   <li>has a single-type or static import of another {@code C};</li>
 *   <li>uses the identifier {@code C} anywhere other than as part of {@code a.b.C} itself, while
 *       {@code a.b.C} is not already imported: that {@code C} resolves to something else today
 *       (a type of the same package, a wildcard import), and a new import would change its
 *       meaning.</li>
 * </ul>
 * Otherwise a single-type import is added, which shadows every wildcard import, so wildcard
 * imports cannot make it ambiguous. No import is added for a type already imported, for
 * {@code java.lang} types, or for types of the file's own package.
 */
final class ImportPlanner {
    private final CompilationUnit unit;
    private final String packageName;

    ImportPlanner(CompilationUnit unit) {
        this.unit = unit;
        this.packageName = unit.getPackageDeclaration().map(PackageDeclaration::getNameAsString).orElse("");
    }

    ImportDecision decide(String qualifiedName) {
        String simple = QualifiedNames.simpleName(qualifiedName);
        String qualifier = QualifiedNames.qualifier(qualifiedName);
        if (qualifier.isEmpty()) {
            return ImportDecision.SHORTEN_ONLY;
        }
        if (declaresType(simple) || importsOtherType(simple, qualifiedName)) {
            return ImportDecision.KEEP_QUALIFIED;
        }
        boolean alreadyImported = unit.getImports().stream()
                .anyMatch(i -> !i.isStatic() && !i.isAsterisk() && i.getNameAsString().equals(qualifiedName));
        if (alreadyImported) {
            return ImportDecision.SHORTEN_ONLY;
        }
        if (qualifier.equals("java.lang")) {
            return ImportDecision.SHORTEN_ONLY;
        }
        if (usesNameOtherwise(simple, qualifiedName)) {
            return ImportDecision.KEEP_QUALIFIED;
        }
        return qualifier.equals(packageName) ? ImportDecision.SHORTEN_ONLY : ImportDecision.IMPORT_AND_SHORTEN;
    }

    private boolean declaresType(String simple) {
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
            if (type.getNameAsString().equals(simple)) {
                return true;
            }
        }
        return unit.findAll(TypeParameter.class).stream().anyMatch(p -> p.getNameAsString().equals(simple));
    }

    private boolean importsOtherType(String simple, String qualifiedName) {
        for (ImportDeclaration declaration : unit.getImports()) {
            if (declaration.isAsterisk()) {
                continue;
            }
            String name = declaration.getNameAsString();
            if (QualifiedNames.simpleName(name).equals(simple) && !(name.equals(qualifiedName) && !declaration.isStatic())) {
                return true;
            }
        }
        return false;
    }

    private boolean usesNameOtherwise(String simple, String qualifiedName) {
        for (SimpleName name : unit.findAll(SimpleName.class)) {
            if (name.getIdentifier().equals(simple) && !isInsideImportOrPackage(name)
                    && !qualifiedText(name).map(qualifiedName::equals).orElse(false)) {
                return true;
            }
        }
        for (Name name : unit.findAll(Name.class)) {
            if (name.getIdentifier().equals(simple) && !isInsideImportOrPackage(name)
                    && !name.asString().equals(qualifiedName)) {
                return true;
            }
        }
        return false;
    }

    /** The dotted name a simple name ends, e.g. {@code a.b.C} for the {@code C} of {@code a.b.C.m()}. */
    private static Optional<String> qualifiedText(SimpleName name) {
        Optional<Node> parent = name.getParentNode();
        if (parent.isPresent() && parent.get() instanceof FieldAccessExpr access) {
            return Optional.of(access.getScope().toString() + "." + access.getNameAsString());
        }
        if (parent.isPresent() && parent.get() instanceof ClassOrInterfaceType type) {
            return Optional.of(type.getNameWithScope());
        }
        return Optional.empty();
    }

    private static boolean isInsideImportOrPackage(Node node) {
        return node.findAncestor(ImportDeclaration.class).isPresent()
                || node.findAncestor(PackageDeclaration.class).isPresent();
    }
}
