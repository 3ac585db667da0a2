package org.xnet.core;

import java.util.Arrays;
import java.util.EnumSet;
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

    /**
     * The constants named in {@code text}: {@code all}, {@code none} (or blank) or a comma-separated list
     * of names ({@link #parse} for each, so an unknown one is refused with the expected names).
     */
    public static <E extends Enum<E>> EnumSet<E> parseSet(Class<E> type, Function<E, String> name, String text,
                                                          String what) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return EnumSet.allOf(type);
        }
        EnumSet<E> out = EnumSet.noneOf(type);
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return out;
        }
        for (String part : t.split(",")) {
            out.add(parse(type.getEnumConstants(), name, part, what));
        }
        return out;
    }
}
