import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The harness's oracle: javac's own parser (parse only, no attribution) over every .java file
 * under a folder; prints the files it rejects, one per line. Run with the JDK's source launcher:
 * {@code java JavacParse.java TREE RELEASE > rejected.txt}.
 */
public class JavacParse {
    public static void main(String[] args) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
        var javac = ToolProvider.getSystemJavaCompiler();
        Set<String> rejected = new HashSet<>();
        int batch = 500;
        for (int from = 0; from < files.size(); from += batch) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                var units = manager.getJavaFileObjectsFromPaths(files.subList(from, Math.min(files.size(), from + batch)));
                JavacTask task = (JavacTask) javac.getTask(null, manager, diagnostics,
                        List.of("--release", args[1], "-proc:none", "-encoding", "UTF-8", "-Xmaxerrs", "1000000"), null, units);
                task.parse();
            } catch (RuntimeException e) {
                System.err.println("javac failed on a batch: " + e);
            }
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                    rejected.add(Path.of(d.getSource().toUri()).toString());
                }
            }
        }
        rejected.stream().sorted().forEach(System.out::println);
    }
}
