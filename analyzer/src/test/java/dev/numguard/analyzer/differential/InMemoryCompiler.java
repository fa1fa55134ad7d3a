package dev.numguard.analyzer.differential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java source files in memory with {@code javax.tools} and loads their classes in a class
 * loader of their own, so that a fixture and its fixed version, which declare the same class name,
 * can live side by side.
 *
 * <p>The compile classpath is the test classpath (surefire's {@code surefire.test.class.path} when
 * set, else {@code java.class.path}), which holds runtime-guards; the class loader delegates to the
 * test class loader for everything the sources do not themselves declare.
 */
final class InMemoryCompiler {

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    /** Shared, because opening the classpath's jars is most of the cost of a small compilation. */
    private static final StandardJavaFileManager STANDARD_FILE_MANAGER = COMPILER == null ? null
            : COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);

    private InMemoryCompiler() {
    }

    /**
     * Compiles {@code source} and returns the top-level class named after the file.
     *
     * @throws IllegalStateException with javac's diagnostics if the source does not compile
     */
    static Class<?> compileAndLoad(Path source) {
        return compileAndLoadAll(List.of(source)).get(source);
    }

    /**
     * Compiles several sources in one javac run (much cheaper than one run each) into one class
     * loader, and returns each file's top-level class. The files must declare distinct classes.
     *
     * @throws IllegalStateException with javac's diagnostics, per file, if any source does not compile
     */
    static Map<Path, Class<?>> compileAndLoadAll(List<Path> sources) {
        if (COMPILER == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (Path source : sources) {
            units.add(new SourceFile(source, read(source)));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        JavaFileManager fileManager = new ForwardingJavaFileManager<>(STANDARD_FILE_MANAGER) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        classes.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<String> options = List.of("-classpath", testClasspath(), "-parameters", "-proc:none",
                "-Xlint:none", "--release", "17");
        boolean ok;
        synchronized (STANDARD_FILE_MANAGER) {
            ok = COMPILER.getTask(null, fileManager, diagnostics, options, null, units).call();
        }
        if (!ok) {
            String messages = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> (d.getSource() instanceof SourceFile file ? file.path : "?") + " line "
                            + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n  "));
            throw new IllegalStateException("does not compile:\n  " + messages);
        }
        Map<String, byte[]> bytecode = new HashMap<>();
        classes.forEach((name, bytes) -> bytecode.put(name, bytes.toByteArray()));
        ClassLoader loader = new BytecodeClassLoader(bytecode, InMemoryCompiler.class.getClassLoader());
        Map<Path, Class<?>> loaded = new LinkedHashMap<>();
        for (Path source : sources) {
            String fileName = source.getFileName().toString();
            String simpleName = fileName.substring(0, fileName.length() - ".java".length());
            String className = bytecode.keySet().stream()
                    .filter(name -> name.equals(simpleName) || name.endsWith("." + simpleName))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(source + " declares no class " + simpleName));
            try {
                loaded.put(source, Class.forName(className, true, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("compiled " + className + " but cannot load it", e);
            }
        }
        return loaded;
    }

    private static String read(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classpath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return classpath == null ? "" : classpath;
    }

    /** A source file held in memory, remembering where it came from for messages. */
    private static final class SourceFile extends SimpleJavaFileObject {
        private final Path path;
        private final String text;

        SourceFile(Path path, String text) {
            super(URI.create("string:///" + path.getFileName()), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Defines the classes of one compilation; everything else comes from the parent. */
    private static final class BytecodeClassLoader extends ClassLoader {
        private final Map<String, byte[]> bytecode;

        BytecodeClassLoader(Map<String, byte[]> bytecode, ClassLoader parent) {
            super(parent);
            this.bytecode = bytecode;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && bytecode.containsKey(name)) {
                    byte[] bytes = bytecode.get(name);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (loaded == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
