package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Synth's domain randomisation: off gives the bytes of before; each effect does what it says. */
class SynthDomainTest {
    static BodyVolume body;

    @BeforeAll
    static void phantom() {
        body = BodyVolume.of(Phantoms.cylinderWithRod(40, 5, 15, 10, 1000, false), -300);
    }

    /** The defaults (collimation, glow, processing, partial fields, noise) at 48 pixels. */
    static SynthConfig small() {
        return SynthConfig.defaults().withSize(48).withViews(4).withSeed(3);
    }

    static String hash(Synthesizer s) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (View v : s.drawViews(17)) {
            Radiograph r = s.render(body, v);
            ByteBuffer b = ByteBuffer.allocate(4 * r.image().data().length);
            for (float f : r.image().data()) {
                b.putFloat(f);
            }
            sha.update(b.array());
            sha.update(r.labels().data());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of {@link #small()}'s four views, computed with the code before the domain randomisation. */
    @Test
    void offGivesTheBytesOfBefore() throws Exception {
        assertThat(hash(new Synthesizer(small()))).isEqualTo("6830346b185f4ab1532808327663c36b61e51f7233898491178232092b038efa");
    }

    /** A plain detector: no noise, blur, collimation, processing or partial field. */
    static SynthConfig plain(double linear) {
        return new SynthConfig(2, 32, 1, -180, 180, 10, SynthConfig.Beam.CONE, 1000, 0, 0, 0, -300, 250, -300, 2, 0.5,
                10, 1, 0, 0, 1, linear, 0, 0, 0);
    }

    @Test
    void linearViewsAreTheTransmissionAndLogViewsTheScaledLineIntegral() {
        for (double p : new double[] {0, 1}) {
            Synthesizer s = new Synthesizer(plain(p));
            for (View v : s.drawViews(2)) {
                Radiograph r = s.render(body, v);
                float[] image = r.image().data();
                float[] integral = r.lineIntegrals().data();
                for (int i = 0; i < image.length; i++) {
                    double expected = p == 1 ? Math.exp(-integral[i]) : 1 - Math.min(integral[i], 10) / 10;
                    assertThat((double) image[i]).as("pixel %d, linear %s", i, p).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void tiltedCollimatorEdgesCrossTheImageAtTheAngle() {
        int n = 48;
        Detector.Field field = Detector.field(n, new int[] {8, 0, 0, 0}, 10);
        int top = coveredFromLeft(field, n, 0);
        int bottom = coveredFromLeft(field, n, n - 1);
        assertThat((double) Math.abs(top - bottom)).isCloseTo((n - 1) * Math.tan(Math.toRadians(10)), within(1.5));
        Detector.Field straight = Detector.field(n, new int[] {8, 0, 0, 0}, 0);
        for (int y = 0; y < n; y++) {
            assertThat(coveredFromLeft(straight, n, y)).isEqualTo(8);
            for (int x = 0; x < n; x++) {
                assertThat(straight.covered(y * n + x)).isEqualTo(Detector.collimated(x, y, n, new int[] {8, 0, 0, 0}));
            }
        }
        // through the synthesiser: the collimated pixels of a tilted field are open beam, and rows differ
        Synthesizer s = new Synthesizer(small().withFraming(0.3, 1).withDomainRandomisation(0, 20, 0, 0));
        int slanted = 0;
        for (View v : s.drawViews(5)) {
            Radiograph r = s.render(body, v);
            int first = openFromLeft(r, 0);
            int last = openFromLeft(r, 47);
            slanted += first != last ? 1 : 0;
        }
        assertThat(slanted).isPositive();
    }

    @Test
    void blurredCollimatorEdgeIsGradualAndHalfShadowedAtTheSharpEdge() {
        int n = 40;
        Detector.Field field = Detector.field(n, new int[] {10, 0, 0, 0}, 0);
        double[] sharp = Detector.shadow(field, 0);
        double[] soft = Detector.shadow(field, 3);
        for (int x = 0; x < n; x++) {
            assertThat(sharp[x]).isEqualTo(x < 10 ? 1.0 : 0.0);
            assertThat(soft[x]).isBetween(0.0, 1.0);
            if (x > 0) {
                assertThat(soft[x]).isLessThanOrEqualTo(soft[x - 1]);
            }
        }
        // halfway between the last shadowed (x = 9) and the first exposed (x = 10) pixel
        assertThat((soft[9] + soft[10]) / 2).isCloseTo(0.5, within(1e-6));
        assertThat(soft[9 - 6]).isGreaterThan(0.97);
        assertThat(soft[10 + 6]).isLessThan(0.03);
        assertThat(soft[10]).isBetween(0.3, 0.5);
        assertThat(Detector.normalCdf(1)).isCloseTo(0.8413447, within(2e-7));
        assertThat(Detector.normalCdf(-2)).isCloseTo(0.0227501, within(2e-7));
    }

    @Test
    void outsideFractionLetsTheBodyLeaveTheFieldAcrossOnly() {
        SynthConfig whole = small().withFraming(0, 1).withViews(12);
        Synthesizer inside = new Synthesizer(whole);
        Synthesizer outside = new Synthesizer(whole.withDomainRandomisation(0, 0, 0, 0.5));
        int cut = 0;
        for (View v : inside.drawViews(9)) {
            assertThat(bodyAtSide(inside.render(body, v))).as("the fitted field has open beam at both sides").isFalse();
            double[] f = outside.fieldOf(v);
            assertThat(Math.abs(f[1])).isLessThanOrEqualTo(0.5);
            assertThat(f[2]).as("never along the body, beyond the scan").isZero();
            cut += bodyAtSide(outside.render(body, v)) ? 1 : 0;
        }
        assertThat(cut).isPositive();
    }

    @Test
    void presetsAndJson() {
        SynthConfig all = SynthConfig.defaults().withDomainRandomisation(SynthEffect.parse("all"));
        assertThat(all.linearProbability()).isEqualTo(0.3);
        assertThat(all.collimatorTiltDeg()).isEqualTo(10);
        assertThat(all.collimatorBlurPx()).isEqualTo(3);
        assertThat(all.outsideFraction()).isEqualTo(0.25);
        assertThat(SynthConfig.fromJson(all.toJson())).isEqualTo(all);
        assertThat(SynthConfig.defaults().withDomainRandomisation(SynthEffect.parse("none"))).isEqualTo(SynthConfig.defaults());
        assertThat(SynthConfig.fromJson("{\"views\": 3}").outsideFraction()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SynthEffect.parse("linear,grid"))
                .hasMessageContaining("'grid'").hasMessageContaining("linear, collimator or outside");
    }

    private static int coveredFromLeft(Detector.Field field, int n, int row) {
        int x = 0;
        while (x < n && field.covered(row * n + x)) {
            x++;
        }
        return x;
    }

    /** Columns of open beam at the left of {@code row}. */
    private static int openFromLeft(Radiograph r, int row) {
        int x = 0;
        while (x < r.labels().width() && r.labels().get(x, row) == org.xnet.core.SegClass.OPEN_BEAM.index()) {
            x++;
        }
        return x;
    }

    /** True when the first or last column shows body (any pixel not open beam). */
    private static boolean bodyAtSide(Radiograph r) {
        int w = r.labels().width();
        for (int y = 0; y < r.labels().height(); y++) {
            if (r.labels().get(0, y) != 0 || r.labels().get(w - 1, y) != 0) {
                return true;
            }
        }
        return false;
    }
}
