package org.xnet.io;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.xnet.core.SegClass;

/**
 * The reference colours of colour label images, one per class in class-index order, written
 * {@code "#RRGGBB"}, and the rule that rejects an image that is probably not a label image: more
 * than {@code maxFarFraction} of its pixels further than {@code farThreshold} in some channel from
 * every reference colour.
 */
public record ColourTable(List<String> colours, int farThreshold, double maxFarFraction) {

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

    /** The original project's colours (white, yellow, blue; see {@link SegClass}), 100 and 1 %. */
    public static ColourTable defaults() {
        return new ColourTable(List.of(hex(SegClass.OPEN_BEAM.rgb()), hex(SegClass.SOFT_TISSUE.rgb()),
                hex(SegClass.BONE.rgb())), 100, 0.01);
    }

    /** The colour of class {@code classIndex} as 0xRRGGBB. */
    public int rgb(int classIndex) {
        return Integer.parseInt(colours.get(classIndex).substring(1), 16);
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb);
    }
}
