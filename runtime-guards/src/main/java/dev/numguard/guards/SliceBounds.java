package dev.numguard.guards;

/**
 * The bounds check of an {@code (offset, length)} slice. {@code Objects.checkFromIndexSize} does this
 * from Java 9 on; this library targets Java 8, so it keeps its own copy of the check, with the same
 * exception and message.
 */
final class SliceBounds {

    private SliceBounds() {
    }

    /**
     * @throws IndexOutOfBoundsException unless {@code 0 <= offset}, {@code 0 <= length} and
     *                                   {@code offset + length <= arrayLength} (without overflow)
     */
    static void check(int offset, int length, int arrayLength) {
        if ((arrayLength | offset | length) < 0 || length > arrayLength - offset) {
            throw new IndexOutOfBoundsException(
                    "Range [" + offset + ", " + offset + " + " + length + ") out of bounds for length " + arrayLength);
        }
    }
}
