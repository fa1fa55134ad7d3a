package dev.numguard.analyzer.differential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * Compiles one Java source file in memory with {@code javax.tools} and loads its classes in a class
 * loader of their own, so that a fixture and its fixed version, which declare the same class name,
 * can live side by side.
 *
 * <p>The compile classpath is the test classpath (surefire's {@code surefire.test.class.path} when
 * set, else {@code java.class.path}), which holds runtime-guards; the class loader delegates to the
 * test class loader for everything the source does not itself declare.
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
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        String fileName = source.getFileName().toString();
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        return compileAndLoad(source.toString(), simpleName, text);
    }

    static Class<?> compileAndLoad(String origin, String simpleName, String text) {
        if (COMPILER == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
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
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + simpleName + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        List<String> options = List.of("-classpath", testClasspath(), "-parameters", "-proc:none",
                "-Xlint:none", "--release", "17");
        boolean ok;
        synchronized (STANDARD_FILE_MANAGER) {
            ok = COMPILER.getTask(null, fileManager, diagnostics, options, null, List.of(unit)).call();
        }
        if (!ok) {
            String messages = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n  "));
            throw new IllegalStateException(origin + " does not compile:\n  " + messages);
        }
        Map<String, byte[]> bytecode = new HashMap<>();
        classes.forEach((name, bytes) -> bytecode.put(name, bytes.toByteArray()));
        String className = bytecode.keySet().stream()
                .filter(name -> name.equals(simpleName) || name.endsWith("." + simpleName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(origin + " declares no class " + simpleName));
        ClassLoader loader = new BytecodeClassLoader(bytecode, InMemoryCompiler.class.getClassLoader());
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled " + className + " but cannot load it", e);
        }
    }

    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classpath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return classpath == null ? "" : classpath;
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
