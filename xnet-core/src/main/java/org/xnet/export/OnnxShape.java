package org.xnet.export;

import org.xnet.core.InvalidSetting;

/**
 * The input size an exported ONNX model declares: {@link #dynamic()} (symbolic {@code height} and
 * {@code width}, any size at run time) or a fixed {@code width x height}. The batch size is always
 * symbolic. Either way the graph pads its input to a multiple of {@code 2^poolings} by reflection
 * and crops the output back, as the DJL network does.
 */
public record OnnxShape(int width, int height) {
    public OnnxShape {
        if ((width == 0) != (height == 0) || width < 0 || height < 0) {
            throw new InvalidSetting("size", "must be positive (or both 0 for a dynamic size), got " + width + "x" + height);
        }
    }

    /** Height and width given at run time. */
    public static OnnxShape dynamic() {
        return new OnnxShape(0, 0);
    }

    /** A fixed {@code width x height} input. */
    public static OnnxShape fixed(int width, int height) {
        return new OnnxShape(width, height);
    }

    /** Parses "dynamic", a side "N" (square) or "WIDTHxHEIGHT"; anything else is an {@link InvalidSetting}. */
    public static OnnxShape parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("dynamic")) {
            return dynamic();
        }
        String[] parts = t.split("x", -1);
        try {
            int width = Integer.parseInt(parts[0]);
            int height = parts.length == 1 ? width : Integer.parseInt(parts[1]);
            if (parts.length <= 2 && width > 0 && height > 0) {
                return fixed(width, height);
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new InvalidSetting("size", "must be dynamic, a side N or WIDTHxHEIGHT (positive), got " + text);
    }

    /** Whether height and width are symbolic. */
    public boolean isDynamic() {
        return width == 0;
    }

    /** "dynamic" or "WIDTHxHEIGHT". */
    @Override
    public String toString() {
        return isDynamic() ? "dynamic" : width + "x" + height;
    }
}
