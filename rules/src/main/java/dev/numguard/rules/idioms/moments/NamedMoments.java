package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Sums and means whose making the analysis cannot see (a parameter, a field filled by another
 * class, a getter, an element of an array filled elsewhere) read by their names, as their authors
 * wrote them: {@code sumSq}, {@code sum2}, {@code sumOfSquares}, {@code pow2mean} are second
 * moments, {@code sum}, {@code mSum} first ones, {@code mean}, {@code avg}, {@code getMean()} means.
 * Each becomes a power sum over {@code ~stem}, the name less its moment words, so that
 * {@code sumX2} pairs with {@code sumX} and not with {@code sumY}; a bare {@code sum} or
 * {@code mean} pairs with the one stem of its formula. Names of deviations, errors, norms, counts
 * and spreads are never read as raw moments.
 */
final class NamedMoments {
    private static final Pattern SQUARE = Pattern.compile("sq(?!rt)|pow2|(sum|total)[a-z]?2(?![0-9])|sum([a-z])\\2(?![a-z])");
    private static final Pattern MEAN = Pattern.compile("mean|avg|average|(^|_)mu(_|$)|(^|_)[a-z]?bar(_|$)");
    private static final Pattern NOT_RAW = Pattern.compile(
            "dev|diff|err|resid|delta|dist|norm|cent|var|std|sigma|cov|count|cnt|num|size|len|grad|loss|sqrt|^rsq|^lsq");
    private static final Pattern MOMENT_WORDS = Pattern.compile(
            "squares|squared|square|sqs|sqr|sq|pow2|average|avg|mean|sum|total|of|get|compute|calc|(^|_)mu(_|$)|bar(_|$)");
    private static final Set<String> GENERIC = Set.of("get", "value", "values", "data", "unsafe_get", "getdouble",
            "doublevalue", "floatvalue", "at", "apply", "getvalue", "elements");

    private NamedMoments() {
    }

    /** {@code e} read as a moment by its name, or null when its name says nothing (or something else). */
    static Monomial of(Expr e) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Binary range && range.op() == BinaryOp.SUBTRACT
                && Nodes.stripCasts(range.left()) instanceof Expr.ArrayElement hi
                && Nodes.stripCasts(range.right()) instanceof Expr.ArrayElement lo
                && Nodes.sameShape(hi.array(), lo.array())) {
            x = hi;                                              // prefix sums: s[end] − s[start] is a sum too
        }
        if (!x.type().isScalar()) {
            return null;
        }
        String name = nameOf(x);
        return name == null ? null : ofName(name);
    }

    /** A local's own name, when what it holds says nothing. */
    static Monomial ofName(String name) {
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("^_+", "");
        String squashed = words.replace("_", "");
        if (NOT_RAW.matcher(squashed).find()) {
            return null;
        }
        boolean square = SQUARE.matcher(squashed).find();
        boolean mean = MEAN.matcher(words).find();
        if (!square && !mean && !squashed.contains("sum")) {
            return null;
        }
        String key = "~" + stem(words);
        PowerSum sum = square ? PowerSum.second(key, key) : PowerSum.first(key);
        return new Monomial(List.of(sum), mean ? -1 : 0, List.of(), List.of(), List.of());
    }

    private static String stem(String words) {
        String rest = MOMENT_WORDS.matcher(words).replaceAll("_").replaceAll("[^a-z]", "").replaceAll("s$", "");
        return rest.length() == 2 && rest.charAt(0) == rest.charAt(1) ? rest.substring(1) : rest;   // sumXX
    }

    private static String nameOf(Expr x) {
        if (x instanceof Expr.VarRead v) {
            return GENERIC.contains(v.name().toLowerCase(Locale.ROOT)) && v.qualifier() != null
                    ? nameOf(Nodes.stripCasts(v.qualifier())) : v.name();
        }
        if (x instanceof Expr.ArrayElement a) {
            return nameOf(Nodes.stripCasts(a.array()));
        }
        if (x instanceof Expr.Call c) {
            if (ofName(c.name()) != null) {
                return c.name();
            }
            if (c.target() != null && (c.args().isEmpty() || GENERIC.contains(c.name().toLowerCase(Locale.ROOT)))) {
                return nameOf(Nodes.stripCasts(c.target()));
            }
            // a lookup or a block sum keyed by what it reads: state.get(SUM_KEY), blockSum(integralSq, …)
            return c.args().isEmpty() ? null : keyName(Nodes.stripCasts(c.args().get(0)));
        }
        return null;
    }

    private static String keyName(Expr argument) {
        if (argument instanceof Expr.Literal literal && literal.value() instanceof String text) {
            return text;
        }
        return argument instanceof Expr.VarRead v ? v.name() : null;
    }

    /** The one stem the named sums of a formula share, or null when there are none or several. */
    static String commonStem(Monomial a, Monomial b) {
        Set<String> stems = new TreeSet<>();
        Set<String> squared = new TreeSet<>();
        for (Monomial m : List.of(a, b)) {
            for (List<PowerSum> sums : List.of(m.sums(), m.denominators())) {
                for (PowerSum s : sums) {
                    List<String> named = s.values().stream().filter(v -> v.startsWith("~") && v.length() > 1).toList();
                    stems.addAll(named);
                    if (s.degree() == 2 && named.size() == 2) {
                        squared.addAll(named);
                    }
                }
            }
        }
        return squared.size() == 1 ? squared.iterator().next() : stems.size() == 1 ? stems.iterator().next() : null;
    }

    /** {@code m} with every bare named sum ({@code ~}) read as the formula's one stem. */
    static Monomial unified(Monomial m, String stem) {
        if (stem == null) {
            return m;
        }
        return new Monomial(rename(m.sums(), stem), m.nPower(), m.scalars(), m.divisors(), m.reductions(),
                rename(m.denominators(), stem));
    }

    private static List<PowerSum> rename(List<PowerSum> sums, String stem) {
        List<PowerSum> out = new ArrayList<>();
        for (PowerSum s : sums) {
            out.add(new PowerSum(s.values().stream().map(v -> v.equals("~") ? stem : v).toList()));
        }
        return out;
    }
}
