package dev.numguard.rules.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which methods compute which elementary function, by declaring type: {@code Math} and its
 * drop-ins ({@code StrictMath}, Commons Math and Hipparchus {@code FastMath}, jafama), the
 * array-level functions of ND4J and DJL, and in-house wrappers a user adds. The table is
 * {@code functions.properties} beside this class plus, when the system property
 * {@value #EXTRA_PROPERTY} names a file, that file's entries (same format).
 */
public final class FunctionTable {
    /** The system property naming a file of extra entries. */
    public static final String EXTRA_PROPERTY = "numguard.functions";
    /** The functions an entry may name; {@code math} marks a whole type as a drop-in for Math. */
    public static final Set<String> FUNCTIONS = Set.of("exp", "log", "log1p", "expm1", "log10", "pow", "sqrt",
            "abs", "max", "min", "math", "array-exp", "array-log", "array-sum", "array-div", "to-half", "half-add",
            "half-to-float", "half-multiply", "element-get", "element-set", "value-add", "value-subtract",
            "value-multiply", "value-divide", "value-sqrt", "value-pow");
    private static volatile FunctionTable standard;

    private final Map<String, String> functions = new HashMap<>();
    private final Set<String> dropIns = new HashSet<>();

    private FunctionTable() {
    }

    /**
     * The built-in table plus the file named by {@value #EXTRA_PROPERTY}, loaded once.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry (on every
     *     call, so each file analysed reports why)
     */
    public static FunctionTable standard() {
        FunctionTable table = standard;
        if (table == null) {
            table = loadStandard();
            standard = table;
        }
        return table;
    }

    /**
     * The table {@code text} describes ({@code source} names it in errors).
     *
     * @throws IllegalArgumentException naming {@code source} and the line of a malformed entry
     */
    public static FunctionTable parse(String text, String source) {
        return new FunctionTable().add(text, source);
    }

    /**
     * The function {@code owner}'s method {@code method} computes ({@code "exp"}, {@code "array-sum"},
     * or for a drop-in for Math the method's own name), or empty.
     */
    public Optional<String> function(String owner, String method) {
        if (dropIns.contains(owner)) {
            return Optional.of(method);
        }
        return Optional.ofNullable(functions.get(owner + "#" + method));
    }

    /**
     * The array function ({@code array-sum}, …) every array type of the table agrees a method called
     * {@code method} computes, for a call on an array whose type the front end could not resolve.
     */
    public Optional<String> arrayFunctionNamed(String method) {
        java.util.Set<String> found = new HashSet<>();
        functions.forEach((key, function) -> {
            if (function.startsWith("array-") && key.endsWith("#" + method)) {
                found.add(function);
            }
        });
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** The method of {@code owner} the table lists as computing {@code function} (the first by name), or empty. */
    public Optional<String> methodComputing(String owner, String function) {
        return functions.entrySet().stream()
                .filter(e -> e.getValue().equals(function) && e.getKey().startsWith(owner + "#"))
                .map(e -> e.getKey().substring(owner.length() + 1)).sorted().findFirst();
    }

    /** True when every method of {@code owner} computes its namesake in {@code java.lang.Math}. */
    public boolean isMathDropIn(String owner) {
        return dropIns.contains(owner);
    }

    private FunctionTable add(String text, String source) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            int hash = line.indexOf('#');
            String where = source + ":" + (i + 1) + ": ";
            if (equals < 0 || hash < 0 || hash > equals) {
                throw new IllegalArgumentException(where + "expected <type>#<method> = <function>, got: " + line);
            }
            String owner = line.substring(0, hash).strip();
            String method = line.substring(hash + 1, equals).strip();
            String function = line.substring(equals + 1).strip();
            if (owner.isEmpty() || method.isEmpty()) {
                throw new IllegalArgumentException(where + "the type and the method must not be empty: " + line);
            }
            if (!FUNCTIONS.contains(function)) {
                throw new IllegalArgumentException(where + "unknown function '" + function + "'; one of "
                        + new java.util.TreeSet<>(FUNCTIONS));
            }
            if (method.equals("*") != function.equals("math")) {
                throw new IllegalArgumentException(where + "'*' and 'math' go together (a drop-in for Math): " + line);
            }
            if (method.equals("*")) {
                dropIns.add(owner);
            } else {
                functions.put(owner + "#" + method, function);
            }
        }
        return this;
    }

    private static FunctionTable loadStandard() {
        FunctionTable table = new FunctionTable();
        try (InputStream in = FunctionTable.class.getResourceAsStream("functions.properties")) {
            if (in == null) {
                throw new IllegalStateException("functions.properties is missing from numguard-rules");
            }
            table.add(new String(in.readAllBytes(), StandardCharsets.UTF_8), "functions.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String extra = System.getProperty(EXTRA_PROPERTY);
        if (extra != null && !extra.isBlank()) {
            Path path = Path.of(extra);
            try {
                table.add(Files.readString(path, StandardCharsets.UTF_8), path.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the function table " + path + " (system property "
                        + EXTRA_PROPERTY + "): " + e.getMessage(), e);
            }
        }
        return table;
    }
}
