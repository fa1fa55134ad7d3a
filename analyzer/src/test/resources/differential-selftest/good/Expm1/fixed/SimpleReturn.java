public class SimpleReturn {
    public static double simpleReturn(double logReturn) {
        return Math.expm1(logReturn);
    }
}
