package org.xnet.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;

/**
 * The reference colours of colour label images, one per class in class-index order, written
 * {@code "#RRGGBB"}, and the rule that rejects an image that cannot be a label image: more than
 * {@code maxFarFraction} of its pixels (by default half) further than {@code farThreshold} in some
 * channel from every reference colour. Far pixels up to that fraction take the nearest colour;
 * above {@link #WARN_FAR_FRACTION} the reader warns, naming the file and the count (JPEG labels,
 * as the original project stored them, blend colours at every edge: a few per cent of far pixels
 * in a small image).
 *
 * <p>As a file ({@link #read}): a JSON object such as
 * {@code {"colours": ["#FFFFFF", "#FFFF00", "#0000FF"], "farThreshold": 100, "maxFarFraction": 0.5}};
 * keys left out keep their {@link #defaults()}.
 */
public record ColourTable(List<String> colours, int farThreshold, double maxFarFraction) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("colours", "farThreshold", "maxFarFraction");
    /** Above this fraction of far pixels a label image is read with a warning. */
    public static final double WARN_FAR_FRACTION = 0.01;

    public ColourTable {
        if (colours == null || colours.size() != SegClass.COUNT) {
            throw new IllegalArgumentException("need " + SegClass.COUNT + " colours (one per class), got "
                    + (colours == null ? "none" : colours.size()));
        }
        colours = List.copyOf(colours);
        for (String c : colours) {
            if (!c.matches("#[0-9A-Fa-f]{6}")) {
                throw new IllegalArgumentException("colour must be written #RRGGBB, got '" + c + "'");
            }
        }
        if (new HashSet<>(colours.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList()).size() != colours.size()) {
            throw new IllegalArgumentException("colours must differ, got " + colours);
        }
        if (farThreshold < 0 || farThreshold > 255) {
            throw new IllegalArgumentException("farThreshold must be in [0, 255], got " + farThreshold);
        }
        if (!(maxFarFraction >= 0 && maxFarFraction <= 1)) {
            throw new IllegalArgumentException("maxFarFraction must be in [0, 1], got " + maxFarFraction);
        }
    }

    /**
     * The original project's colours (white, yellow, blue; see {@link SegClass}) and its per-channel
     * tolerance of 100; an image is refused when most (over 50 %) of its pixels are far from all three.
     */
    public static ColourTable defaults() {
        return new ColourTable(List.of(hex(SegClass.OPEN_BEAM.rgb()), hex(SegClass.SOFT_TISSUE.rgb()),
                hex(SegClass.BONE.rgb())), 100, 0.5);
    }

    /**
     * Reads a colour table from a JSON file (see the class comment); a missing, unreadable or
     * invalid file is an {@link XNetException} naming it.
     */
    public static ColourTable read(Path file) throws XNetException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new XNetException("colour table " + file + " does not exist", e);
        } catch (IOException e) {
            throw new XNetException("cannot read colour table " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode given = JSON.readTree(text);
            if (given == null || !given.isObject()) {
                throw new IllegalArgumentException("expected a JSON object with " + KEYS);
            }
            List<String> unknown = new ArrayList<>();
            given.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    unknown.add(k);
                }
            });
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown key(s) " + unknown + ", expected some of " + KEYS);
            }
            ObjectNode merged = JSON.valueToTree(defaults());
            merged.setAll((ObjectNode) given);
            return JSON.treeToValue(merged, ColourTable.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new XNetException("colour table " + file + " is not valid: " + why, e);
        } catch (IllegalArgumentException e) {
            throw new XNetException("colour table " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The colour of class {@code classIndex} as 0xRRGGBB. */
    public int rgb(int classIndex) {
        return Integer.parseInt(colours.get(classIndex).substring(1), 16);
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb);
    }
}
