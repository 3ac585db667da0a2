package org.xnet.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xnet.core.Sample;

/** Each transform has the effect it claims on known images. */
class AugmentEffectsTest {
    private static final Sample THREE_BY_TWO = TestSamples.of(3, 2, new float[] {1, 2, 3, 4, 5, 6}, 0, 1, 2, 2, 1, 0);

    @Test
    void horizontalFlipMirrorsColumns() {
        Sample out = Warp.apply(THREE_BY_TWO, WarpParams.flips(true, false), Interpolation.BILINEAR);
        assertThat(out.image().data()).containsExactly(3, 2, 1, 6, 5, 4);
        assertThat(out.label().data()).containsExactly(2, 1, 0, 0, 1, 2);
    }

    @Test
    void verticalFlipMirrorsRows() {
        Sample out = Warp.apply(THREE_BY_TWO, WarpParams.flips(false, true), Interpolation.BICUBIC);
        assertThat(out.image().data()).containsExactly(4, 5, 6, 1, 2, 3);
        assertThat(out.label().data()).containsExactly(2, 1, 0, 0, 1, 2);
    }

    @Test
    void ninetyDegreeRotationTurnsClockwise() {
        Sample in = TestSamples.of(3, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0, 1, 0, 1, 2, 1, 2, 2);
        Sample out = Warp.apply(in, WarpParams.affine(0, 0, 90, 0), Interpolation.BILINEAR);
        float[] expected = {7, 4, 1, 8, 5, 2, 9, 6, 3};
        for (int i = 0; i < expected.length; i++) {
            assertThat(out.image().data()[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-5f));
        }
        assertThat(out.label().data()).containsExactly(1, 0, 0, 2, 1, 0, 2, 2, 1);
    }

    @Test
    void ninetyDegreeRotationOfEvenSizedImage() {
        float[] img = new float[16];
        int[] lab = new int[16];
        for (int i = 0; i < 16; i++) {
            img[i] = i;
            lab[i] = i % 3;
        }
        Sample out = Warp.apply(TestSamples.of(4, 4, img, lab), WarpParams.affine(0, 0, -90, 0), Interpolation.BICUBIC);
        // counter-clockwise: output (x, y) shows input (3 - y, x)
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int src = x * 4 + (3 - y);
                assertThat(out.image().get(x, y)).isCloseTo(src, within(1e-4f));
                assertThat(out.label().get(x, y)).isEqualTo(src % 3);
            }
        }
    }

    @Test
    void shearOfFortyFiveDegreesSlidesEachRowByItsDistanceFromTheCentre() {
        Sample in = TestSamples.of(3, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0, 1, 0, 1, 2, 1, 2, 2);
        for (Interpolation interpolation : Interpolation.values()) {
            Sample out = Warp.apply(in, WarpParams.affine(0, 0, 0, 45), interpolation);
            // x' = x + tan(45°) (y - 1): the top row moves left by one, the middle stays, the bottom moves right;
            // the pixel that enters reflects the one next to the edge (index -1 -> 1, 3 -> 1)
            float[] expected = {2, 3, 2, 4, 5, 6, 8, 7, 8};
            for (int i = 0; i < expected.length; i++) {
                assertThat(out.image().data()[i]).as("%s pixel %d", interpolation, i).isCloseTo(expected[i], within(1e-5f));
            }
            assertThat(out.label().data()).as("%s labels", interpolation).containsExactly(0, 1, 0, 0, 1, 2, 2, 1, 2);
        }
    }

    @Test
    void translationShiftsAndReflectsAtTheBorder() {
        Sample row = TestSamples.of(4, 1, new float[] {10, 20, 30, 40}, 0, 1, 2, 1);
        Sample out = Warp.apply(row, WarpParams.affine(0.25, 0, 0, 0), Interpolation.BILINEAR);
        // shifted right by one pixel; the new first column reflects index -1 to 1 (no edge repeat)
        assertThat(out.image().data()).containsExactly(20, 10, 20, 30);
        assertThat(out.label().data()).containsExactly(1, 0, 1, 2);
    }

    @Test
    void cropZoomsIntoTheWindow() {
        Sample row = TestSamples.of(4, 1, new float[] {0, 1, 2, 3}, 0, 1, 2, 2);
        Sample out = Warp.apply(row, WarpParams.crop(0.5, 0, 0, 0), Interpolation.BILINEAR);
        // output pixel u samples x = -0.5 + (u + 0.5) / 2: -0.25, 0.25, 0.75, 1.25
        assertThat(out.label().data()).containsExactly(0, 0, 1, 1);
        assertThat(out.image().data()).containsExactly(0.25f, 0.25f, 0.75f, 1.25f);
    }

    @Test
    void identityConfigReturnsTheInputExactly() {
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.identity());
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 20; k++) {
            Sample in = TestSamples.random(random, 7 + k, 5 + k, (byte) 0, (byte) 1, (byte) 2);
            assertThat(pipeline.apply(in, new Random(k))).isEqualTo(in);
        }
    }

    @Test
    void blurWithSigmaZeroIsIdentity() {
        Sample in = TestSamples.random(new SplittableRandom(3), 9, 7, (byte) 1);
        assertThat(GaussianBlur.apply(in.image(), 0)).isEqualTo(in.image());
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        assertThat(pipeline.apply(in, new AugmentParams(WarpParams.identity(), new ImageEffect.Blur(0)))).isEqualTo(in);
    }

    @Test
    void blurSmoothsAnImpulse() {
        float[] img = new float[25];
        img[12] = 1;
        float[] out = GaussianBlur.apply(TestSamples.of(5, 5, img, new int[25]).image(), 0.4).data();
        assertThat(out[12]).isLessThan(1f).isGreaterThan(out[11]);
        assertThat(out[11]).isGreaterThan(0f).isEqualTo(out[13]).isEqualTo(out[7]).isEqualTo(out[17]);
        float sum = 0;
        for (float v : out) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void elasticWithAlphaZeroIsIdentity() {
        Sample in = TestSamples.random(new SplittableRandom(5), 12, 10, (byte) 0, (byte) 2);
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        assertThat(pipeline.apply(in, new AugmentParams(WarpParams.identity(), new ImageEffect.Elastic(0, 0.25, 99))))
                .isEqualTo(in);
    }

    @Test
    void elasticMovesImageButNotLabel() {
        Sample in = TestSamples.random(new SplittableRandom(6), 12, 10, (byte) 0, (byte) 2);
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        Sample out = pipeline.apply(in, new AugmentParams(WarpParams.identity(), new ImageEffect.Elastic(1, 0.25, 99)));
        assertThat(out.label()).isEqualTo(in.label());
        assertThat(out.image()).isNotEqualTo(in.image());
    }

    @Test
    void cropZeroIsIdentity() {
        Sample in = TestSamples.random(new SplittableRandom(7), 11, 13, (byte) 0, (byte) 1);
        for (Interpolation interp : Interpolation.values()) {
            assertThat(Warp.apply(in, WarpParams.crop(0, 0, 0.7, 0.3), interp)).isEqualTo(in);
        }
    }

    @Test
    void labelsNeverGainAClass() {
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        SplittableRandom random = new SplittableRandom(8);
        Sample in = TestSamples.random(random, 40, 30, (byte) 1, (byte) 2);
        for (int k = 0; k < 50; k++) {
            long[] counts = pipeline.apply(in, random).label().classCounts();
            assertThat(counts[0]).as("open beam pixels after augmentation %d", k).isZero();
        }
    }

    @Test
    void sameSeedSameBytesAndDocumentedDrawOrder() {
        AugmentPipeline pipeline = new AugmentPipeline(AugmentConfig.defaults());
        Sample in = TestSamples.random(new SplittableRandom(9), 20, 20, (byte) 0, (byte) 1, (byte) 2);
        assertThat(pipeline.apply(in, new Random(42))).isEqualTo(pipeline.apply(in, new Random(42)));

        for (long seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            boolean fh = r.nextDouble() < 0.5;
            boolean fv = r.nextDouble() < 0.5;
            double tx = (2 * r.nextDouble() - 1) * 0.01;
            double ty = (2 * r.nextDouble() - 1) * 0.01;
            double rot = (2 * r.nextDouble() - 1) * 15;
            double shear = (2 * r.nextDouble() - 1) * 2;
            double cx = 0.1 + (0.4 - 0.1) * r.nextDouble();
            double cy = 0.1 + (0.4 - 0.1) * r.nextDouble();
            WarpParams warp = new WarpParams(fh, fv, tx, ty, rot, shear, cx, cy, r.nextDouble(), r.nextDouble());
            ImageEffect effect = r.nextDouble() < 0.5
                    ? new ImageEffect.Elastic(0.5 + (1.5 - 0.5) * r.nextDouble(), 0.25, r.nextLong())
                    : new ImageEffect.Blur(0 + (0.4 - 0) * r.nextDouble());
            assertThat(pipeline.draw(new Random(seed))).isEqualTo(new AugmentParams(warp, effect));
        }
    }
}
