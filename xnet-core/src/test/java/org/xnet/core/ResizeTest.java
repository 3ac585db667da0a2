package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Resize against hand-computed values and against naive per-pixel twins on seeded random images. */
class ResizeTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void areaOfTwoByTwoBlocksIsTheirMean() {
        Image2D in = new Image2D(4, 2, new float[] {1, 3, 5, 7, 2, 4, 6, 8});
        Image2D out = Resize.area(in, 2, 1);
        assertThat(out.data()).containsExactly(2.5f, 6.5f);
    }

    @Test
    void areaWithNonIntegerRatioWeighsByOverlap() {
        Image2D in = new Image2D(3, 1, new float[] {3, 6, 9});
        Image2D out = Resize.area(in, 2, 1);
        assertThat(out.get(0, 0)).isCloseTo((float) ((3 + 0.5 * 6) / 1.5), within(1e-6f));
        assertThat(out.get(1, 0)).isCloseTo((float) ((0.5 * 6 + 9) / 1.5), within(1e-6f));
    }

    @Test
    void nearestPicksThePixelUnderEachCentre() {
        LabelMap in = new LabelMap(3, 1, new byte[] {0, 1, 2});
        assertThat(Resize.nearest(in, 6, 1).data()).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(Resize.nearest(in, 2, 1).data()).containsExactly(0, 2);
        LabelMap five = new LabelMap(5, 1, new byte[] {0, 1, 2, 1, 0});
        assertThat(Resize.nearest(five, 2, 1).data()).containsExactly(1, 1);
    }

    @Test
    void bilinearDoublingMatchesHandComputedValues() {
        Image2D in = new Image2D(2, 1, new float[] {0, 4});
        assertThat(Resize.bilinear(in, 4, 1).data()).containsExactly(0f, 1f, 3f, 4f);
    }

    @Test
    void everyMethodKeepsAConstantImageConstant() {
        Image2D in = new Image2D(7, 5, filled(35, 3.25f));
        for (Image2D out : new Image2D[] {Resize.area(in, 3, 4), Resize.bilinear(in, 11, 2),
                Resize.bicubic(in, 4, 9), Resize.nearest(in, 2, 2)}) {
            for (float v : out.data()) {
                assertThat(v).isCloseTo(3.25f, within(1e-5f));
            }
        }
    }

    @Test
    void rejectsNonPositiveTargetSize() {
        assertThatThrownBy(() -> Resize.area(new Image2D(2, 2), 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x3");
    }

    @Property(tries = 60, seed = "20261126")
    void areaAgreesWithNaiveIntegration(@ForAll("seed") long seed, @ForAll @IntRange(min = 1, max = 40) int sw,
            @ForAll @IntRange(min = 1, max = 40) int sh, @ForAll @IntRange(min = 1, max = 40) int dw,
            @ForAll @IntRange(min = 1, max = 40) int dh) {
        Image2D in = random(seed, sw, sh);
        assertClose(Resize.area(in, dw, dh), NaiveResize.area(in, dw, dh));
    }

    @Property(tries = 60, seed = "20261126")
    void bilinearAgreesWithNaive(@ForAll("seed") long seed, @ForAll @IntRange(min = 1, max = 40) int sw,
            @ForAll @IntRange(min = 1, max = 40) int sh, @ForAll @IntRange(min = 1, max = 40) int dw,
            @ForAll @IntRange(min = 1, max = 40) int dh) {
        Image2D in = random(seed, sw, sh);
        assertClose(Resize.bilinear(in, dw, dh), NaiveResize.bilinear(in, dw, dh));
    }

    /** Bands of rows, put together, are the whole bilinear result bit for bit, wherever the bands are cut. */
    @Property(tries = 60, seed = "20261205")
    void bilinearRowsAreTheRowsOfTheWholeResult(@ForAll("seed") long seed, @ForAll @IntRange(min = 1, max = 30) int sw,
            @ForAll @IntRange(min = 1, max = 30) int sh, @ForAll @IntRange(min = 1, max = 90) int dw,
            @ForAll @IntRange(min = 1, max = 90) int dh, @ForAll @IntRange(min = 1, max = 40) int band) {
        Image2D in = random(seed, sw, sh);
        float[] whole = Resize.bilinear(in, dw, dh).data();
        float[] banded = new float[dw * dh];
        for (int y0 = 0; y0 < dh; y0 += band) {
            int y1 = Math.min(dh, y0 + band);
            Image2D rows = Resize.bilinearRows(in, dw, dh, y0, y1);
            assertThat(rows.height()).isEqualTo(y1 - y0);
            System.arraycopy(rows.data(), 0, banded, y0 * dw, rows.data().length);
        }
        assertThat(banded).isEqualTo(whole);
    }

    @Property(tries = 60, seed = "20261126")
    void bicubicAgreesWithNaive(@ForAll("seed") long seed, @ForAll @IntRange(min = 1, max = 40) int sw,
            @ForAll @IntRange(min = 1, max = 40) int sh, @ForAll @IntRange(min = 1, max = 40) int dw,
            @ForAll @IntRange(min = 1, max = 40) int dh) {
        Image2D in = random(seed, sw, sh);
        assertClose(Resize.bicubic(in, dw, dh), NaiveResize.bicubic(in, dw, dh));
    }

    @Property(tries = 60, seed = "20261126")
    void nearestAgreesWithNaiveAndKeepsOnlyPresentClasses(@ForAll("seed") long seed,
            @ForAll @IntRange(min = 1, max = 40) int sw, @ForAll @IntRange(min = 1, max = 40) int sh,
            @ForAll @IntRange(min = 1, max = 40) int dw, @ForAll @IntRange(min = 1, max = 40) int dh) {
        Random random = new Random(seed);
        byte[] classes = new byte[sw * sh];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (byte) random.nextInt(SegClass.COUNT);
        }
        LabelMap in = new LabelMap(sw, sh, classes);
        LabelMap out = Resize.nearest(in, dw, dh);
        assertThat(out).isEqualTo(NaiveResize.nearest(in, dw, dh));
        long[] before = in.classCounts();
        long[] after = out.classCounts();
        for (int c = 0; c < SegClass.COUNT; c++) {
            if (before[c] == 0) {
                assertThat(after[c]).isZero();
            }
        }
    }

    @Property(tries = 30, seed = "20261126")
    void areaPreservesTheMeanOfTheImage(@ForAll("seed") long seed, @ForAll @IntRange(min = 1, max = 30) int k,
            @ForAll @IntRange(min = 1, max = 10) int dw, @ForAll @IntRange(min = 1, max = 10) int dh) {
        Image2D in = random(seed, dw * k, dh * k);
        assertThat(mean(Resize.area(in, dw, dh))).isCloseTo(mean(in), within(TOLERANCE));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seed() {
        return net.jqwik.api.Arbitraries.longs();
    }

    private static void assertClose(Image2D actual, Image2D expected) {
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        for (int i = 0; i < actual.data().length; i++) {
            assertThat((double) actual.data()[i]).as("pixel %d", i).isCloseTo(expected.data()[i], within(TOLERANCE));
        }
    }

    private static double mean(Image2D image) {
        double sum = 0;
        for (float v : image.data()) {
            sum += v;
        }
        return sum / image.data().length;
    }

    static Image2D random(long seed, int width, int height) {
        Random random = new Random(seed);
        float[] data = new float[width * height];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new Image2D(width, height, data);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
