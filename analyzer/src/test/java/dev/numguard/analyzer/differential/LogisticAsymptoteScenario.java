package dev.numguard.analyzer.differential;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * For softplus, log-sigmoid and the binary cross-entropy with logits: these break when the logit
 * is large in magnitude, where they are, to far below one ulp, piecewise linear. With
 * {@code sp(x) = log(1 + e^x)}, {@code sp(x) = max(x, 0) + log1p(e^-|x|)} and {@code e^-|x|} is
 * below 2e-22 once {@code |x| >= 50}, so at the hostile logits {@code ±1000} (double) and
 * {@code ±100} (float) {@code sp(x)} is exactly {@code max(x, 0)} in the result's precision.
 *
 * <p>Which function a fixture method computes is identified on the benign input, at two points
 * (the benign logit and half of it), from a small catalogue over its floating-point scalar
 * parameters: {@code s·sp(σ·z)}, {@code s·w·sp(σ·z)} and {@code s·(t·sp(-σ·z) + (1 - t)·sp(σ·z))}
 * for signs {@code s, σ} and parameters {@code z, w, t}. The reference on the hostile input is the
 * identified form's exact asymptote; a method matching no form is unobservable here.
 */
final class LogisticAsymptoteScenario implements HostileScenario {
    static final double DOUBLE_LOGIT = 1000;
    static final double FLOAT_LOGIT = 100;
    private static final Tolerance IDENTIFY = new Tolerance(1e-10, 1e-12, 1e-4, 1e-6);

    @Override
    public String description() {
        return "one scalar logit set to ±1000 (double) or ±100 (float), the method identified on benign inputs as"
                + " s·softplus(±z), s·w·softplus(±z) or a binary cross-entropy s·bce(±z, t); reference: the form's"
                + " exact asymptote, softplus(x) = max(x, 0) to below 2e-22";
    }

    /** One candidate: a function of the argument list and the index of its logit. */
    private record Form(String name, int logit, Function<double[], Double> value, Function<double[], Double> asymptote) {
    }

    @Override
    public List<HostileCase> build(Method method, Object[] benign, Function<Object[], Outcome> original) {
        Class<?>[] types = method.getParameterTypes();
        Class<?> returned = method.getReturnType();
        if (returned != double.class && returned != float.class) {
            throw new Unobservable("returns " + returned.getSimpleName() + ", not a scalar");
        }
        List<Integer> scalars = new ArrayList<>();
        for (int p = 0; p < types.length; p++) {
            if (types[p] == double.class || types[p] == float.class) {
                scalars.add(p);
            } else if (FloatingParameters.isFloating(types[p])) {
                throw new Unobservable("takes a floating-point array");
            }
        }
        for (Form form : forms(scalars)) {
            if (matches(form, benign, original) && matches(form, halved(benign, form.logit()), original)) {
                boolean isFloat = types[form.logit()] == float.class;
                double logit = isFloat ? FLOAT_LOGIT : DOUBLE_LOGIT;
                List<HostileCase> cases = new ArrayList<>();
                for (double sign : new double[] {1, -1}) {
                    Object[] hostile = withLogit(benign, form.logit(), sign * logit);
                    double expected = form.asymptote().apply(numbers(hostile));
                    Object boxed = returned == float.class ? (Object) (float) expected : (Object) expected;
                    cases.add(new HostileCase(form.name() + " at logit " + sign * logit, hostile,
                            new Outcome(boxed, null, new Object[benign.length]), tolerance()));
                }
                return cases;
            }
        }
        throw new Unobservable("matches none of the softplus, log-sigmoid and cross-entropy forms on the benign input");
    }

    private static List<Form> forms(List<Integer> scalars) {
        List<Form> forms = new ArrayList<>();
        for (int z : scalars) {
            for (int s : new int[] {1, -1}) {
                for (int sigma : new int[] {1, -1}) {
                    forms.add(new Form(s + "·sp(" + sigma + "·x" + z + ")", z,
                            a -> s * softplus(sigma * a[z]), a -> s * Math.max(sigma * a[z], 0)));
                    for (int w : scalars) {
                        if (w == z) {
                            continue;
                        }
                        forms.add(new Form(s + "·x" + w + "·sp(" + sigma + "·x" + z + ")", z,
                                a -> s * a[w] * softplus(sigma * a[z]), a -> s * a[w] * Math.max(sigma * a[z], 0)));
                        forms.add(new Form(s + "·bce(" + sigma + "·x" + z + ", x" + w + ")", z,
                                a -> s * (a[w] * softplus(-sigma * a[z]) + (1 - a[w]) * softplus(sigma * a[z])),
                                a -> s * (a[w] * Math.max(-sigma * a[z], 0) + (1 - a[w]) * Math.max(sigma * a[z], 0))));
                    }
                }
            }
        }
        return forms;
    }

    /** The textbook stable softplus, for identification on benign logits only. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static boolean matches(Form form, Object[] args, Function<Object[], Outcome> original) {
        Outcome actual = original.apply(args);
        if (actual.thrown() != null || !actual.finite()) {
            return false;
        }
        double expected = form.value().apply(numbers(args));
        Object boxed = actual.returned() instanceof Float ? (Object) (float) expected : (Object) expected;
        return actual.differenceFrom(new Outcome(boxed, null, actual.changedArguments()), IDENTIFY) == null;
    }

    private static Object[] halved(Object[] args, int logit) {
        double value = numbers(args)[logit] / 2;
        return withLogit(args, logit, value);
    }

    private static Object[] withLogit(Object[] args, int logit, double value) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = NumericValues.deepCopy(args[p]);
        }
        out[logit] = args[logit] instanceof Float ? (Object) (float) value : (Object) value;
        return out;
    }

    /** Every argument as a double (0 for non-numbers); the forms read only the floating scalars. */
    private static double[] numbers(Object[] args) {
        double[] out = new double[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = args[p] instanceof Number n ? n.doubleValue() : 0;
        }
        return out;
    }
}
