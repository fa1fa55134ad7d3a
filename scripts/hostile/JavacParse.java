import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The harness's oracle: javac's verdict on files.
 *
 * <ul>
 *   <li>{@code java JavacParse.java RELEASE parse TREE}: javac's parser alone over every .java file
 *       under TREE; prints the files it rejects, one per line.</li>
 *   <li>{@code java JavacParse.java RELEASE attribute FILE...}: compiles each file on its own
 *       (without a classpath) and prints the files javac rejects for a reason other than a
 *       missing symbol — javac finds some malformed code only after parsing (a lambda used as a
 *       statement), so a file its parser accepts may still not be Java.</li>
 * </ul>
 */
public class JavacParse {
    /** Errors that only say a name does not resolve: expected without a classpath. */
    private static final List<String> RESOLUTION = List.of("compiler.err.cant.resolve", "compiler.err.doesnt.exist",
            "compiler.err.cant.apply", "compiler.err.cant.deref", "compiler.err.prob.found.req",
            "compiler.err.cant.access", "compiler.err.not.def.public", "compiler.err.report.access",
            "compiler.err.non-static.cant.be.ref", "compiler.err.abstract.cant.be.instantiated",
            "compiler.err.does.not.override.abstract", "compiler.err.incomparable.types", "compiler.err.operator.cant.be.applied",
            "compiler.err.class.public.should.be.in.file", "compiler.err.missing.ret.stmt", "compiler.err.var.might.not.have.been.initialized", "compiler.err.unreported.exception");

    public static void main(String[] args) throws IOException {
        String release = args[0];
        boolean parseOnly = args[1].equals("parse");
        List<Path> files;
        if (parseOnly) {
            try (Stream<Path> walk = Files.walk(Path.of(args[2]))) {
                files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
            }
        } else {
            files = Stream.of(args).skip(2).map(Path::of).toList();
        }
        var javac = ToolProvider.getSystemJavaCompiler();
        Set<String> rejected = new TreeSet<>();
        int batch = parseOnly ? 500 : 1;
        for (int from = 0; from < files.size(); from += batch) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                var units = manager.getJavaFileObjectsFromPaths(files.subList(from, Math.min(files.size(), from + batch)));
                JavacTask task = (JavacTask) javac.getTask(null, manager, diagnostics, List.of("--release", release,
                        "-proc:none", "-encoding", "UTF-8", "-Xmaxerrs", "1000000"), null, units);
                if (parseOnly) {
                    task.parse();
                } else {
                    task.analyze();
                }
            } catch (RuntimeException e) {
                // javac itself fails on some malformed code (an assertion about a lambda): it does not accept the file
                if (!parseOnly) {
                    rejected.add(files.get(from).toAbsolutePath().toString());
                }
                System.err.println("javac failed on " + files.get(from) + ": " + e);
            }
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null
                        && (parseOnly || RESOLUTION.stream().noneMatch(d.getCode()::startsWith))) {
                    rejected.add(Path.of(d.getSource().toUri()).toString());
                }
            }
        }
        rejected.forEach(System.out::println);
    }
}
