package org.xnet.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;
import java.util.List;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.model.ModelMetadata.ClassInfo;

/**
 * The command's results as ImageJ images: the class mask as an 8-bit image (pixel value = class
 * index) with a LUT in the model's class colours, the probabilities as a float stack (one slice per
 * class, named after it), and the mask as a translucent overlay for the original image (open beam
 * left untinted, as in {@code xnet predict --overlay}'s colours).
 */
final class ResultImages {
    /** Opacity of the overlay's class colours. */
    static final double OVERLAY_OPACITY = 0.4;

    private ResultImages() {
    }

    /**
     * A LUT mapping class index {@code i} to {@code classes.get(i)}'s colour and every other value
     * {@code v} to grey {@code (v, v, v)}: with only the class colours (white, yellow, blue) and black
     * ImageJ would take it for an inverting LUT.
     */
    static LUT classLut(List<ClassInfo> classes) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int v = 0; v < 256; v++) {
            r[v] = (byte) v;
            g[v] = (byte) v;
            b[v] = (byte) v;
        }
        for (int i = 0; i < classes.size(); i++) {
            int rgb = classes.get(i).rgb();
            r[i] = (byte) (rgb >> 16);
            g[i] = (byte) (rgb >> 8);
            b[i] = (byte) rgb;
        }
        return new LUT(r, g, b);
    }

    /** The mask as an 8-bit image with the class LUT, calibrated in space like {@code source}. */
    static ImagePlus mask(LabelMap mask, List<ClassInfo> classes, String title, Calibration source) {
        ImagePlus out = new ImagePlus(title, maskProcessor(mask, classes));
        out.setCalibration(spatial(source));
        return out;
    }

    /** One 32-bit slice per class, labelled with the class name, display range [0, 1]. */
    static ImagePlus probabilities(ProbabilityMap probabilities, List<ClassInfo> classes, String title,
                                   Calibration source) {
        ImageStack stack = new ImageStack(probabilities.width(), probabilities.height());
        for (int c = 0; c < probabilities.classes(); c++) {
            float[] channel = probabilities.channel(c).data();
            stack.addSlice(classes.get(c).name(), new FloatProcessor(probabilities.width(), probabilities.height(), channel));
        }
        ImagePlus out = new ImagePlus(title, stack);
        out.setDisplayRange(0, 1);
        out.setCalibration(spatial(source));
        return out;
    }

    /**
     * The mask drawn over the source image: class colours at {@link #OVERLAY_OPACITY}, class 0 (open
     * beam) transparent. ImageJ draws the roi in RGB, where only black can be transparent, so class
     * 0 is black here.
     */
    static Overlay overlay(LabelMap mask, List<ClassInfo> classes) {
        ByteProcessor ip = maskProcessor(mask, classes);
        LUT lut = ip.getLut();
        byte[][] rgb = {new byte[256], new byte[256], new byte[256]};
        lut.getReds(rgb[0]);
        lut.getGreens(rgb[1]);
        lut.getBlues(rgb[2]);
        for (byte[] channel : rgb) {
            channel[0] = 0;
        }
        ip.setLut(new LUT(rgb[0], rgb[1], rgb[2]));
        ImageRoi roi = new ImageRoi(0, 0, ip);
        roi.setZeroTransparent(true);
        roi.setOpacity(OVERLAY_OPACITY);
        roi.setName("XNet mask");
        return new Overlay(roi);
    }

    private static ByteProcessor maskProcessor(LabelMap mask, List<ClassInfo> classes) {
        ByteProcessor ip = new ByteProcessor(mask.width(), mask.height(), mask.data().clone());
        ip.setLut(classLut(classes));
        ip.setMinAndMax(0, 255);
        return ip;
    }

    /** Only the pixel size and unit of {@code source}: its value calibration does not apply to classes. */
    private static Calibration spatial(Calibration source) {
        Calibration c = new Calibration();
        c.pixelWidth = source.pixelWidth;
        c.pixelHeight = source.pixelHeight;
        c.setUnit(source.getUnit());
        return c;
    }
}
