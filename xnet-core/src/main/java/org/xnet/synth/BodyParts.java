package org.xnet.synth;

import java.util.List;
import java.util.Locale;

/**
 * Body-part names for synthetic radiographs. Output files are named {@code PART_STEM_vNNN} so that
 * the prepare step's rule (first token of the file name, digits removed) gives the part back.
 */
public final class BodyParts {
    /** Words recognised in CT file names, matched as token prefixes ("headsq" gives "head"). */
    static final List<String> KNOWN = List.of("head", "skull", "neck", "chest", "thorax", "lung", "abdomen",
            "torso", "pelvis", "hip", "spine", "lumbar", "shoulder", "arm", "elbow", "wrist", "hand", "leg",
            "knee", "ankle", "foot");

    private BodyParts() {
    }

    /**
     * The body part named in a CT file name: the first token starting with a known part word, else
     * the first token with letters, lower-cased with everything but letters removed.
     */
    public static String fromFileName(String fileName) {
        String[] tokens = stem(fileName).toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        for (String token : tokens) {
            for (String part : KNOWN) {
                if (token.startsWith(part)) {
                    return part;
                }
            }
        }
        for (String token : tokens) {
            String letters = clean(token);
            if (!letters.isEmpty()) {
                return letters;
            }
        }
        return "body";
    }

    /** A user-given part name reduced to lower-case letters; an error when nothing is left. */
    public static String clean(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** The file name without directory and without a .nii, .nii.gz or .gz ending. */
    public static String stem(String fileName) {
        String name = fileName.replaceAll("\\.gz$", "").replaceAll("\\.nii$", "");
        return name.isEmpty() ? "ct" : name;
    }

    /** The output base name for view {@code index} of a CT called {@code stem}: PART_STEM_vNNN. */
    public static String outputName(String part, String stem, int index) {
        return part + "_" + stem.replaceAll("[^A-Za-z0-9]+", "-") + String.format(Locale.ROOT, "_v%03d", index);
    }
}
