package org.xnet.io;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body part a radiograph shows, derived from its file name with the original XNet's rules.
 *
 * <p>The name without its extension is lower-cased and split into tokens at {@code _}, {@code -},
 * spaces and dots. Leading qualifier tokens are skipped ({@code left}, {@code right}, {@code asg},
 * {@code fractured}, {@code lower}, {@code belly}, {@code plate}); {@code leg_lamb} means
 * {@code lamb}. The first remaining token loses a glued {@code left}/{@code right}/{@code asg}
 * prefix ({@code leftHand} → {@code hand}), a trailing {@code onehot} and all digits; a token
 * with nothing left (such as {@code 01}) is skipped. Finally the original's renames apply:
 * {@code nof}→{@code neckoffemur}, {@code anke}→{@code ankle}, {@code lumbar}→{@code lumbarspin}.
 * A name with no letters at all gives {@value #UNKNOWN}.
 */
public final class BodyParts {
    /** The body part of a file name without any letters. */
    public static final String UNKNOWN = "unknown";

    private static final Set<String> QUALIFIERS =
            Set.of("left", "right", "asg", "fractured", "lower", "belly", "plate");
    private static final List<String> GLUED_PREFIXES = List.of("left", "right", "asg");
    private static final Map<String, String> RENAMES =
            Map.of("nof", "neckoffemur", "anke", "ankle", "lumbar", "lumbarspin");

    private BodyParts() {
    }

    /** The body part of {@code fileName} (a name or a path's last element, with or without extension). */
    public static String fromFileName(String fileName) {
        List<String> tokens = Arrays.stream(stripExtension(fileName).toLowerCase(Locale.ROOT).split("[_\\-. ]+"))
                .filter(t -> !t.isEmpty()).toList();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (QUALIFIERS.contains(token)) {
                continue;
            }
            if (token.equals("leg") && i + 1 < tokens.size() && tokens.get(i + 1).equals("lamb")) {
                return "lamb";
            }
            String part = clean(token);
            if (!part.isEmpty()) {
                return RENAMES.getOrDefault(part, part);
            }
        }
        return UNKNOWN;
    }

    private static String clean(String token) {
        String t = token;
        if (t.endsWith("onehot")) {
            t = t.substring(0, t.length() - "onehot".length());
        }
        for (String prefix : GLUED_PREFIXES) {
            if (t.startsWith(prefix) && t.length() > prefix.length()
                    && !t.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                t = t.substring(prefix.length());
                break;
            }
        }
        return t.replaceAll("\\d", "");
    }

    private static String stripExtension(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
