package dev.numguard.analyzer.fix;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.PackageDeclaration;
import com.github.javaparser.ast.modules.ModuleDeclaration;
import com.github.javaparser.ast.modules.ModuleDirective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The module declaration ({@code module-info.java}) a source file belongs to, and the one-line
 * edit that makes the module {@code require} another. A file that starts calling runtime-guards
 * in a modular project compiles only once its module reads {@code dev.numguard.guards}.
 */
final class ModuleDescriptors {
    static final String FILE_NAME = "module-info.java";

    /** Why a module declaration could not be given its {@code requires} line. */
    static final class NotEditable extends Exception {
        private static final long serialVersionUID = 1L;

        NotEditable(String message) {
            super(message);
        }
    }

    private ModuleDescriptors() {
    }

    /**
     * The {@code module-info.java} in the source root of {@code file}, whose text is {@code source}:
     * the folder that holds the file's package folders. Empty when the file is not in the folder its
     * package names (the root is then unknown) or the root has no module declaration. The path is
     * relative when {@code file}'s is.
     */
    static Optional<Path> of(Path file, String source) {
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        CompilationUnit unit;
        try {
            unit = JavaSourceParser.parse(text);
        } catch (JavaSourceParser.NotParseable e) {
            return Optional.empty();
        }
        List<String> packagePath = unit.getPackageDeclaration().map(PackageDeclaration::getNameAsString)
                .map(name -> List.of(name.split("\\."))).orElse(List.of());
        Path folder = file.toAbsolutePath().normalize().getParent();
        for (int i = packagePath.size() - 1; i >= 0; i--) {
            if (folder == null || folder.getFileName() == null
                    || !folder.getFileName().toString().equals(packagePath.get(i))) {
                return Optional.empty();
            }
            folder = folder.getParent();
        }
        if (folder == null) {
            return Optional.empty();
        }
        Path descriptor = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(descriptor)) {
            return Optional.empty();
        }
        // named the way the file is: relative to the working folder when the file's path is relative
        return Optional.of(file.isAbsolute() ? descriptor : Path.of("").toAbsolutePath().relativize(descriptor));
    }

    /**
     * {@code descriptor} with a {@code requires module;} line, placed after the last
     * {@code requires} (or before the first directive) with that line's indentation and the file's
     * line separator; the text itself when the module already requires it.
     *
     * @throws NotEditable when the text is no module declaration that parses, or has no line the
     *     directive can safely go beside
     */
    static String withRequires(String descriptor, String module) throws NotEditable {
        String bom = descriptor.startsWith("\uFEFF") ? "\uFEFF" : "";
        String text = descriptor.substring(bom.length());
        ModuleDeclaration declaration = moduleOf(text);
        if (requires(declaration, module)) {
            return descriptor;
        }
        List<ModuleDirective> directives = declaration.getDirectives();
        Optional<ModuleDirective> lastRequires = directives.stream()
                .filter(ModuleDirective::isModuleRequiresDirective).reduce((first, second) -> second);
        int insertAt;
        String indent;
        if (lastRequires.isPresent()) {
            insertAt = TextLines.lineStart(text, lastRequires.get().getEnd().orElseThrow().line + 1);
            indent = indentOf(text, lastRequires.get().getBegin().orElseThrow().line);
        } else if (!directives.isEmpty()) {
            insertAt = TextLines.lineStart(text, directives.get(0).getBegin().orElseThrow().line);
            indent = indentOf(text, directives.get(0).getBegin().orElseThrow().line);
        } else {
            int closingLine = declaration.getEnd().orElseThrow().line;
            insertAt = TextLines.lineStart(text, closingLine);
            String closingIndent = indentOf(text, closingLine);
            if (!text.substring(insertAt).stripLeading().startsWith("}")) {
                throw new NotEditable("its module body has no line of its own to put the directive on");
            }
            indent = closingIndent + "    ";
        }
        String separator = LineEndings.dominant(text);
        String before = text.substring(0, insertAt);
        if (!before.isEmpty() && !before.endsWith("\n") && !before.endsWith("\r")) {
            before += separator; // the anchor was on the file's last line
        }
        String edited = before + indent + "requires " + module + ";" + separator + text.substring(insertAt);
        boolean landed;
        try {
            landed = requires(moduleOf(edited), module);
        } catch (NotEditable e) {
            landed = false;
        }
        if (!landed) {
            throw new NotEditable("a directive on its own line beside the others would not land inside the module body");
        }
        return bom + edited;
    }

    private static ModuleDeclaration moduleOf(String text) throws NotEditable {
        try {
            return JavaSourceParser.parse(text).getModule()
                    .orElseThrow(() -> new NotEditable("it holds no module declaration"));
        } catch (JavaSourceParser.NotParseable e) {
            throw new NotEditable("it does not parse: " + e.getMessage());
        }
    }

    private static boolean requires(ModuleDeclaration declaration, String module) {
        return declaration.getDirectives().stream().filter(ModuleDirective::isModuleRequiresDirective)
                .anyMatch(directive -> directive.asModuleRequiresDirective().getNameAsString().equals(module));
    }

    private static String indentOf(String text, int line) {
        int start = TextLines.lineStart(text, line);
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(start, end);
    }
}
