package it.numguard.generated;

/** Generated code the project's .gitignore keeps out of version control: not numguard's business. */
public final class Gen {
    public static double logOnePlus(double x) {
        return Math.log(1 + x);
    }
}
