public class SimpleReturn {
    public static double simpleReturn(double logReturn) {
        return Math.exp(logReturn) - 1;
    }
}
