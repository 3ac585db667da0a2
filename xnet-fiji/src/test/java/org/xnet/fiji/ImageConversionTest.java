package org.xnet.fiji;

import static org.assertj.core.api.Assertions.assertThat;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;

/** ImageJ pixels as the network's input: raw values, luminance for colour, polarity of an inverting LUT. */
class ImageConversionTest {
    @Test
    void sixteenBitValuesAreUnsignedAndRowMajor() {
        ShortProcessor ip = new ShortProcessor(3, 2);
        ip.set(0, 0, 65535);
        ip.set(2, 1, 1234);
        Image2D image = ImageConversion.toImage2D(new ImagePlus("s", ip));
        assertThat(image.width()).isEqualTo(3);
        assertThat(image.height()).isEqualTo(2);
        assertThat(image.data()).containsExactly(65535f, 0, 0, 0, 0, 1234f);
    }

    @Test
    void floatValuesStayAsTheyAre() {
        FloatProcessor ip = new FloatProcessor(2, 1, new float[] {-3.5f, 1e6f});
        assertThat(ImageConversion.toImage2D(new ImagePlus("f", ip)).data()).containsExactly(-3.5f, 1e6f);
    }

    @Test
    void colourBecomesRec601Luminance() {
        ColorProcessor ip = new ColorProcessor(2, 1);
        ip.set(0, 0, 0xFF0000);
        ip.set(1, 0, 0x808080);
        assertThat(ImageConversion.toImage2D(new ImagePlus("c", ip)).data()).containsExactly((float) (299.0 * 255 / 1000), 128f);
    }

    @Test
    void anInvertingLutNegatesSoTheNetworkSeesWhatTheUserSees() {
        ByteProcessor ip = new ByteProcessor(2, 1, new byte[] {10, (byte) 200});
        ip.invertLut();
        assertThat(ImageConversion.toImage2D(new ImagePlus("b", ip)).data()).containsExactly(-10f, -200f);
    }

    @Test
    void aStackGivesItsCurrentSlice() {
        ImageStack stack = new ImageStack(1, 1);
        stack.addSlice(new FloatProcessor(1, 1, new float[] {1}));
        stack.addSlice(new FloatProcessor(1, 1, new float[] {2}));
        ImagePlus image = new ImagePlus("stack", stack);
        image.setSlice(2);
        assertThat(ImageConversion.toImage2D(image).data()).containsExactly(2f);
    }
}
