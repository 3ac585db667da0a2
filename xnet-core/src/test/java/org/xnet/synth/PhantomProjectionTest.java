package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * Physics and labels on a water cylinder (radius 40 mm) with a 1000 HU bone rod (radius 5 mm) 15 mm
 * to the patient's left: line integrals equal mu times chord length, and every label pixel is the
 * closed-form answer. Pixel centres lie at half-millimetre offsets, at least 0.4 mm from any
 * geometric edge where the chord crosses the 2 mm threshold, so no ray is borderline.
 */
class PhantomProjectionTest {
    static final double R = 40;
    static final double ROD = 5;
    static final double ROD_X = 15;
    static final int SIZE = 100;
    static BodyVolume body;

    static SynthConfig config(SynthConfig.Beam beam) {
        return new SynthConfig(1, SIZE, 1, 0, 0, 0, beam, 1000, 0, 0, 0, -300, 250, -300, 2, 0.5, 10, 1, 0, 0, 1);
    }

    @BeforeAll
    static void phantom() {
        body = BodyVolume.of(Phantoms.cylinderWithRod(R, ROD, ROD_X, 0, 1000, false), -300);
    }

    @Test
    void parallelLineIntegralsAreMuTimesChord() {
        Radiograph r = new Synthesizer(config(SynthConfig.Beam.PARALLEL)).render(body, new View(0, 0, 1), 1.0);
        int row = SIZE / 2;
        for (int col = 0; col < SIZE; col++) {
            double a = col + 0.5 - SIZE / 2.0;
            double expected = Attenuation.MU_WATER * (Phantoms.chord(R, a) + Phantoms.chord(ROD, a - ROD_X));
            double actual = r.lineIntegrals().get(col, row);
            if (Math.abs(a) <= 36) {
                assertThat((double) actual).as("line integral at offset %s mm", a).isCloseTo(expected, within(0.01 * expected));
            } else if (Math.abs(a) > 41) {
                assertThat(actual).as("air at offset %s mm", a).isEqualTo(0.0);
            }
        }
    }

    @Test
    void coneBeamLineIntegralsFollowTheDivergentRays() {
        Radiograph r = new Synthesizer(config(SynthConfig.Beam.CONE)).render(body, new View(0, 0, 1), 1.0);
        int row = SIZE / 2;
        for (int col = 0; col < SIZE; col++) {
            double a = col + 0.5 - SIZE / 2.0;
            // the ray through (a, 0) from the source at (0, -1000): distance from the cylinder axis
            double d = Math.abs(a) * 1000 / Math.hypot(a, 1000);
            if (d <= 36 && Math.abs(a - ROD_X) > ROD + 1) {
                double expected = Attenuation.MU_WATER * Phantoms.chord(R, d);
                assertThat((double) r.lineIntegrals().get(col, row)).as("cone line integral at %s mm", a)
                        .isCloseTo(expected, within(0.01 * expected));
            }
        }
    }

    @Test
    void labelsAreExactlyTheClosedFormClasses() {
        Radiograph r = new Synthesizer(config(SynthConfig.Beam.PARALLEL)).render(body, new View(0, 0, 1), 1.0);
        LabelMap labels = r.labels();
        for (int row = 0; row < SIZE; row++) {
            double b = row + 0.5 - SIZE / 2.0;
            boolean insideSlab = Math.abs(b) < Phantoms.NZ * Phantoms.SPACING_Z / 2;
            for (int col = 0; col < SIZE; col++) {
                double a = col + 0.5 - SIZE / 2.0;
                SegClass expected = !insideSlab ? SegClass.OPEN_BEAM
                        : Phantoms.chord(ROD, a - ROD_X) >= 2 ? SegClass.BONE
                        : Phantoms.chord(R, a) >= 2 ? SegClass.SOFT_TISSUE : SegClass.OPEN_BEAM;
                assertThat(labels.get(col, row)).as("label at column %d row %d", col, row).isEqualTo(expected.index());
            }
        }
        long[] counts = labels.classCounts();
        assertThat(counts[SegClass.BONE.index()]).isEqualTo(10L * 20);
        assertThat(counts[SegClass.SOFT_TISSUE.index()]).isEqualTo(70L * 20);
    }

    @Test
    void openBeamIsBrightAndTheRodIsDarkerThanWater() {
        Radiograph r = new Synthesizer(config(SynthConfig.Beam.PARALLEL)).render(body, new View(0, 0, 1), 1.0);
        int row = SIZE / 2;
        float air = r.image().get(2, row);
        float water = r.image().get(SIZE / 2 - 10, row);
        float rod = r.image().get(SIZE / 2 + 15, row);
        assertThat(air).isEqualTo(1f);
        assertThat(water).isLessThan(air);
        assertThat(rod).isLessThan(water);
    }

    @Test
    void turningTheViewMovesTheRodToTheExpectedSide() {
        BodyVolume offAxis = BodyVolume.of(Phantoms.cylinderWithRod(R, ROD, 15, 10, 1000, false), -300);
        Synthesizer synth = new Synthesizer(config(SynthConfig.Beam.PARALLEL));
        // u = x cos(angle) - y sin(angle): the rod at (x 15 left, y 10 posterior)
        assertThat(boneCentre(synth.render(offAxis, new View(0, 0, 1), 1.0))).isCloseTo(15, within(0.5));
        assertThat(boneCentre(synth.render(offAxis, new View(90, 0, 1), 1.0))).isCloseTo(-10, within(0.5));
        assertThat(boneCentre(synth.render(offAxis, new View(180, 0, 1), 1.0))).isCloseTo(-15, within(0.5));
        assertThat(boneCentre(synth.render(offAxis, new View(-90, 0, 1), 1.0))).isCloseTo(10, within(0.5));
    }

    @Test
    void rotatingThePhantomRotatesTheImage() {
        // the rod moved from (15, 0) to (0, -15) = the phantom turned 90 degrees about z; the view turns with it
        BodyVolume turned = BodyVolume.of(Phantoms.cylinderWithRod(R, ROD, 0, -15, 1000, false), -300);
        Synthesizer synth = new Synthesizer(config(SynthConfig.Beam.PARALLEL));
        Radiograph before = synth.render(body, new View(0, 0, 1), 1.0);
        Radiograph after = synth.render(turned, new View(90, 0, 1), 1.0);
        assertThat(after.labels()).isEqualTo(before.labels());
        float[] x = before.lineIntegrals().data();
        float[] y = after.lineIntegrals().data();
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).as("pixel %d", i).isCloseTo(x[i], within(1e-4f));
        }
    }

    @Test
    void aSeparateCouchIsRemoved() {
        BodyVolume withCouch = BodyVolume.of(Phantoms.cylinderWithRod(R, ROD, ROD_X, 0, 1000, true), -300);
        assertThat(withCouch.nx()).isEqualTo(body.nx());
        assertThat(withCouch.ny()).as("crop excludes the couch").isEqualTo(body.ny());
        Synthesizer synth = new Synthesizer(config(SynthConfig.Beam.PARALLEL));
        assertThat(synth.render(withCouch, new View(90, 0, 1), 1.0).labels())
                .isEqualTo(synth.render(body, new View(90, 0, 1), 1.0).labels());
        assertThat(synth.render(withCouch, new View(0, 0, 1), 1.0).lineIntegrals())
                .isEqualTo(synth.render(body, new View(0, 0, 1), 1.0).lineIntegrals());
    }

    /** Mean column offset (mm from the centre) of bone pixels in the middle row. */
    @Test
    void theFittedFieldOfViewShowsOpenBeamOnBothSidesOfTheBody() {
        Radiograph r = new Synthesizer(config(SynthConfig.Beam.PARALLEL)).render(body, new View(0, 0, 1));
        int beam = SegClass.OPEN_BEAM.index();
        int inBody = 0;
        for (int row = 0; row < SIZE; row++) {
            assertThat(r.labels().get(0, row)).as("left edge, row %d", row).isEqualTo(beam);
            assertThat(r.labels().get(SIZE - 1, row)).as("right edge, row %d", row).isEqualTo(beam);
        }
        for (int col = 0; col < SIZE; col++) {
            inBody += r.labels().get(col, SIZE / 2) != beam ? 1 : 0;
        }
        // the cylinder spans 1/1.3 of the field across
        assertThat(inBody).isCloseTo((int) Math.round(SIZE / Geometry.WIDTH_MARGIN), within(2));
    }

    private static double boneCentre(Radiograph r) {
        int row = SIZE / 2;
        double sum = 0;
        int count = 0;
        for (int col = 0; col < SIZE; col++) {
            if (r.labels().get(col, row) == SegClass.BONE.index()) {
                sum += col + 0.5 - SIZE / 2.0;
                count++;
            }
        }
        assertThat(count).as("bone pixels in the middle row").isPositive();
        return sum / count;
    }
}
