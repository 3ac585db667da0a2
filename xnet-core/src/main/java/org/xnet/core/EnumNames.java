package org.xnet.core;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Parsing of enum constants by the names configs and the command line use, with one error message for all. */
public final class EnumNames {
    private EnumNames() {
    }

    /**
     * The constant whose name is {@code text} (any case, surrounding blanks ignored); otherwise an
     * IllegalArgumentException "unknown WHAT 'text', expected a, b or c".
     */
    public static <E extends Enum<E>> E parse(E[] values, Function<E, String> name, String text, String what) {
        for (E e : values) {
            if (name.apply(e).equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        List<String> names = Arrays.stream(values).map(name).toList();
        String expected = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new IllegalArgumentException("unknown " + what + " '" + text + "', expected " + expected);
    }
}
