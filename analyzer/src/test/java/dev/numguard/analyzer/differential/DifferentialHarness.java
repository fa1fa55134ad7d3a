package dev.numguard.analyzer.differential;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * Runs a fixture before and after its fix side by side: both versions are compiled in memory and
 * every public static method of the original is called with the same arguments on both.
 *
 * <ul>
 *   <li><b>benign</b>: on {@value #BENIGN_DRAWS} seeded random inputs from the rule's benign range,
 *       the fixed method agrees with the original within the rule's benign tolerance (NaN equals NaN;
 *       an exception must be of the same class): the fix preserves semantics where the old code
 *       was right;
 *   <li><b>hostile</b>: on inputs built by the rule's {@link HostileScenario} from
 *       {@value #HOSTILE_DRAWS} benign ones, the fixed method is finite and matches the reference,
 *       and the original is shown to miss it on at least one of them.
 * </ul>
 * Benign inputs on which the original is not finite are left out (there is nothing to preserve;
 * a fix is free to be right there), as are hostile inputs a scenario cannot build a reference for.
 * A check that cannot be made (no fixed file yet, parameter types it cannot draw, no scenario for
 * the rule, a relation that fits no draw, hostile inputs that do not break the original, too few
 * comparable benign inputs, a method the fix left unchanged — see {@link UnfixedMethods}) is aborted
 * with the reason, so it shows as skipped and never as passed.
 */
final class DifferentialHarness {

    static final int BENIGN_DRAWS = 200;
    static final int HOSTILE_DRAWS = 20;

    private DifferentialHarness() {
    }

    /**
     * One container of dynamic tests per fixture pair. The fixtures of one rule are compiled in one
     * javac run per side (the classes of one rule's folder have distinct names); if that fails, each
     * pair is compiled alone so that the error lands on the pair it belongs to.
     */
    static Stream<DynamicNode> testsFor(List<FixturePair> pairs) {
        Map<String, List<FixturePair>> byRule = pairs.stream()
                .collect(Collectors.groupingBy(FixturePair::ruleId, LinkedHashMap::new, Collectors.toList()));
        List<DynamicNode> nodes = new ArrayList<>();
        byRule.forEach((rule, rulePairs) -> {
            List<FixturePair> runnable = rulePairs.stream().filter(FixturePair::hasFixed).toList();
            Map<Path, Class<?>> originals = Map.of();
            Map<Path, Class<?>> fixeds = Map.of();
            try {
                originals = InMemoryCompiler.compileAndLoadAll(runnable.stream().map(FixturePair::positive).toList());
                fixeds = InMemoryCompiler.compileAndLoadAll(runnable.stream().map(FixturePair::fixed).toList());
            } catch (IllegalStateException e) {
                originals = Map.of();
                fixeds = Map.of();
            }
            for (FixturePair pair : rulePairs) {
                Class<?> original = originals.get(pair.positive());
                Class<?> fixed = fixeds.get(pair.fixed());
                nodes.add(original != null && fixed != null ? testsFor(pair, original, fixed) : testsFor(pair));
            }
        });
        return nodes.stream();
    }

    /** The dynamic tests of one fixture pair, compiling it on its own. */
    static DynamicNode testsFor(FixturePair pair) {
        if (!pair.hasFixed()) {
            return dynamicTest(pair.displayName() + " (no fixed version)",
                    () -> abort("no fixed counterpart at " + pair.fixed()
                            + " (a case the rule gives no automatic fix for, or one not written yet)"));
        }
        Class<?> original;
        Class<?> fixed;
        try {
            original = InMemoryCompiler.compileAndLoad(pair.positive());
        } catch (IllegalStateException e) {
            return dynamicTest(pair.displayName() + " compiles", () -> fail(pair.positive() + " " + e.getMessage()));
        }
        try {
            fixed = InMemoryCompiler.compileAndLoad(pair.fixed());
        } catch (IllegalStateException e) {
            return dynamicTest(pair.displayName() + " compiles", () -> fail(pair.fixed() + " " + e.getMessage()));
        }
        return testsFor(pair, original, fixed);
    }

    /** A benign and a hostile test per public static method of the compiled pair. */
    private static DynamicNode testsFor(FixturePair pair, Class<?> original, Class<?> fixed) {
        List<Method> methods = publicStaticMethods(original);
        if (methods.isEmpty()) {
            return dynamicTest(pair.displayName() + " (nothing to run)",
                    () -> abort(pair.positive() + " has no public static method to call"));
        }
        RuleProfile profile = RuleProfile.of(pair.ruleId());
        UnfixedMethods unfixed = UnfixedMethods.of(pair);
        List<DynamicNode> tests = new ArrayList<>();
        for (Method method : methods) {
            String signature = signature(method);
            Method counterpart;
            try {
                counterpart = fixed.getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                tests.add(dynamicTest(signature, () -> fail("the fixed version has no method " + signature)));
                continue;
            }
            tests.add(dynamicTest("benign " + signature, () -> checkBenign(pair, profile, method, counterpart)));
            tests.add(dynamicTest("hostile " + signature, () -> {
                if (unfixed.unchanged(method)) {
                    abort("the fix leaves " + signature + " and what it calls unchanged (a finding without an"
                            + " automatic fix), so it keeps the original's behaviour on hostile inputs");
                }
                System.out.println(checkHostile(pair, profile, method, counterpart));
            }));
        }
        return dynamicContainer(pair.displayName(), tests);
    }

    /**
     * Checks that {@code fixed} agrees with {@code original} on benign random inputs.
     *
     * @throws AssertionError on the first disagreement, with the input and both outcomes
     */
    static void checkBenign(FixturePair pair, RuleProfile profile, Method original, Method fixed) {
        requireDrawable(original);
        Random random = new Random(seed(pair, original, "benign"));
        int compared = 0;
        for (int draw = 0; draw < BENIGN_DRAWS; draw++) {
            Object[] args = ArgumentFactory.draw(original, profile.benign(), random);
            Outcome before = Outcome.of(original, args);
            if (before.thrown() == null && !before.finite()) {
                // the original is not right here (a fix may well be), so there is nothing to preserve
                continue;
            }
            Outcome after = Outcome.of(fixed, args);
            String difference = after.differenceFrom(before, profile.benignTolerance());
            if (difference != null) {
                fail(pair.displayName() + "." + signature(original) + " changed its result on a benign input: "
                        + difference + "\n  input: " + NumericValues.describe(args)
                        + "\n  original: " + before + "\n  fixed: " + after);
            }
            if (before.thrown() == null) {
                compared++;
            }
        }
        if (compared < BENIGN_DRAWS / 4) {
            abort("the original gave a finite result on only " + compared + " of " + BENIGN_DRAWS
                    + " benign inputs; too few to compare");
        }
    }

    /**
     * Checks that {@code fixed} is finite and matches the reference on hostile inputs, and that
     * {@code original} misses the reference on at least one of them.
     *
     * @return a one-line summary of what was shown
     * @throws AssertionError if the fixed method is non-finite or off the reference
     */
    static String checkHostile(FixturePair pair, RuleProfile profile, Method original, Method fixed) {
        requireDrawable(original);
        HostileScenario scenario = profile.hostile();
        if (scenario == null) {
            abort("no hostile scenario (reference relation) is defined for rule " + profile.ruleId());
        }
        Random random = new Random(seed(pair, original, "hostile"));
        int checked = 0;
        int originalWrong = 0;
        String example = null;
        String unobservable = null;
        for (int draw = 0; draw < HOSTILE_DRAWS; draw++) {
            Object[] benign = ArgumentFactory.draw(original, profile.benign(), random);
            List<HostileCase> cases;
            try {
                cases = scenario.build(original, benign, args -> Outcome.of(original, args));
            } catch (HostileScenario.Unobservable e) {
                unobservable = e.getMessage();
                continue;
            }
            for (HostileCase hostile : cases) {
                if (hostile.expected().thrown() != null || !hostile.expected().finite()) {
                    continue;
                }
                checked++;
                Outcome after = Outcome.of(fixed, hostile.arguments());
                String where = pair.displayName() + "." + signature(original) + " on " + hostile.label();
                if (!after.finite()) {
                    fail("the fixed " + where + " is not finite: " + after + "\n  reference: " + hostile.expected()
                            + "\n  input: " + NumericValues.describe(hostile.arguments()));
                }
                String difference = after.differenceFrom(hostile.expected(), hostile.tolerance());
                if (difference != null) {
                    fail("the fixed " + where + " misses the reference: " + difference + " (tolerance "
                            + hostile.tolerance() + ")\n  input: " + NumericValues.describe(hostile.arguments()));
                }
                Outcome before = Outcome.of(original, hostile.arguments());
                String originalDifference = before.differenceFrom(hostile.expected(), hostile.tolerance());
                if (originalDifference != null) {
                    originalWrong++;
                    if (example == null) {
                        example = hostile.label() + ": original " + before + ", reference " + hostile.expected();
                    }
                }
            }
        }
        if (checked == 0) {
            abort(unobservable != null
                    ? scenario.description() + " does not apply to " + signature(original) + ": " + unobservable
                    : "the reference itself failed on every hostile input built for " + signature(original));
        }
        if (originalWrong == 0) {
            abort("the original matched the reference on all " + checked + " hostile inputs ("
                    + scenario.description() + "), so they do not exercise the idiom in " + signature(original));
        }
        return pair.displayName() + "." + signature(original) + ": fixed matched the reference on " + checked
                + " hostile inputs; the original missed it on " + originalWrong + " (e.g. " + abbreviate(example) + ")";
    }

    private static void requireDrawable(Method method) {
        if (!ArgumentFactory.supports(method)) {
            abort("cannot draw arguments of types " + Arrays.toString(method.getParameterTypes()) + " for "
                    + signature(method));
        }
    }

    private static List<Method> publicStaticMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                // the fixture convention: methods named helper… support the entry points
                .filter(m -> !m.isSynthetic() && !m.getName().equals("main") && !m.getName().startsWith("helper"))
                .sorted(Comparator.comparing(DifferentialHarness::signature))
                .toList();
    }

    static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static long seed(FixturePair pair, Method method, String check) {
        return ((long) (pair.displayName() + "#" + signature(method) + "#" + check).hashCode() << 16) ^ 0x5EEDL;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
