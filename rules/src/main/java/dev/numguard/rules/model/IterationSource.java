package dev.numguard.rules.model;

/** What an enhanced-for loop iterates over. */
public enum IterationSource {
    /** An array: the element is {@code array[i]} for each index. */
    ARRAY,
    /** {@code map.values()}. */
    MAP_VALUES,
    /** {@code map.entrySet()}. */
    MAP_ENTRIES,
    /** {@code map.keySet()}. */
    MAP_KEYS,
    /** Any other {@code Iterable} (a {@code List}, a {@code Set}, …). */
    ITERABLE,
    /** Not an enhanced-for loop. */
    NONE;

    /** Classifies the expression after the colon of an enhanced-for loop. */
    public static IterationSource of(Expr iterable) {
        if (iterable == null) {
            return NONE;
        }
        if (iterable.type().arrayDimensions() > 0) {
            return ARRAY;
        }
        if (iterable instanceof Expr.Call call && call.args().isEmpty() && call.target() != null
                && (call.ownerType().contains("Map") || call.target().type().name().contains("Map"))) {
            return switch (call.name()) {
                case "values" -> MAP_VALUES;
                case "entrySet" -> MAP_ENTRIES;
                case "keySet" -> MAP_KEYS;
                default -> ITERABLE;
            };
        }
        return ITERABLE;
    }
}
