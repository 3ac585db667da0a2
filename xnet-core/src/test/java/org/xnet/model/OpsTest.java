package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OpsTest {
    @Test
    void upsamplingByInterpolationEqualsRepeat() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 5, 7));
            NDArray expected = x.repeat(2, 2).repeat(3, 2);
            NDArray actual = Ops.up(x);
            assertThat(actual.getShape()).isEqualTo(new Shape(2, 3, 10, 14));
            assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
        }
    }

    @Property(tries = 30)
    void reflectPadMatchesNaiveReflection(@ForAll @IntRange(min = 1, max = 20) int h,
                                          @ForAll @IntRange(min = 1, max = 20) int w,
                                          @ForAll @IntRange(min = 0, max = 1000) int seed) {
        int multiple = 8;
        float[] data = new float[h * w];
        Random random = new Random(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(data, new Shape(1, 1, h, w));
            NDArray padded = Ops.reflectPad(x, multiple);
            int ph = (int) Ops.roundUp(h, multiple);
            int pw = (int) Ops.roundUp(w, multiple);
            assertThat(padded.getShape()).isEqualTo(new Shape(1, 1, ph, pw));
            float[] out = padded.toFloatArray();
            for (int r = 0; r < ph; r++) {
                for (int c = 0; c < pw; c++) {
                    float expected = data[naiveReflect(r, h) * w + naiveReflect(c, w)];
                    assertThat(out[r * pw + c]).as("(%d,%d) of %dx%d", r, c, h, w).isEqualTo(expected);
                }
            }
            assertThat(Ops.crop(padded, h, w).toFloatArray()).containsExactly(data);
        }
    }

    @Test
    void padAndCropAreNoOpsOnMultiples() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(1, 1, 16, 8));
            assertThat(Ops.reflectPad(x, 8)).isSameAs(x);
            assertThat(Ops.crop(x, 16, 8)).isSameAs(x);
        }
    }

    /**
     * Index of padded position {@code i} in a side of {@code n} pixels, reflecting at the end
     * again and again (the padding is applied in steps of at most {@code n - 1}).
     */
    private static int naiveReflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int[] side = new int[n];
        for (int k = 0; k < n; k++) {
            side[k] = k;
        }
        int[] cur = side;
        while (i >= cur.length) {
            int len = cur.length;
            int[] next = new int[len + Math.min(len - 1, i + 1 - len)];
            System.arraycopy(cur, 0, next, 0, len);
            for (int k = len; k < next.length; k++) {
                next[k] = cur[len - 2 - (k - len)];
            }
            cur = next;
        }
        return cur[i];
    }
}
