package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.Supplier;

class KerasOptimizerTest {
    private static final float[] W0 = {1.0f, -2.0f, 0.5f};
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void rmspropFirstStepMatchesHandComputation() {
        // a = 0.1 * 0.5^2 = 0.025; w = 1 - 1e-4 * 0.5 / (sqrt(0.025) + 1e-7) = 0.99968377...
        NDArray w = manager.create(new float[] {1f});
        new RmsProp(1e-4f, 1e-6f).update("w", w, manager.create(new float[] {0.5f}));
        assertThat(w.toFloatArray()[0]).isCloseTo(0.999683772f, within(1e-7f));
    }

    @Test
    void rmspropFollowsKerasFormulaOverManySteps() {
        float[][] grads = randomGrads(12, 3, 1);
        double[] w = toDouble(W0);
        double[] a = new double[w.length];
        double lr = 1e-2;
        double decay = 0.05;
        for (int t = 0; t < grads.length; t++) {
            double lrT = lr / (1 + decay * t);
            for (int i = 0; i < w.length; i++) {
                double g = grads[t][i];
                a[i] = 0.9 * a[i] + 0.1 * g * g;
                w[i] -= lrT * g / (Math.sqrt(a[i]) + 1e-7);
            }
        }
        assertClose(run(new RmsProp(1e-2f, 0.05f), grads), w);
    }

    @Test
    void adamFollowsKerasFormulaOverManySteps() {
        float[][] grads = randomGrads(12, 3, 2);
        double[] w = toDouble(W0);
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 0; t < grads.length; t++) {
            double lrT = 1e-2 / (1 + 0.01 * t) * Math.sqrt(1 - Math.pow(0.999, t + 1)) / (1 - Math.pow(0.9, t + 1));
            for (int i = 0; i < w.length; i++) {
                double g = grads[t][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-7);
            }
        }
        assertClose(run(new KerasAdam(1e-2f, 0.01f), grads), w);
    }

    @Test
    void nesterovSgdFollowsKerasFormulaOverManySteps() {
        float[][] grads = randomGrads(12, 3, 3);
        double[] w = toDouble(W0);
        double[] vel = new double[w.length];
        for (int t = 0; t < grads.length; t++) {
            double lrT = 0.1 / (1 + 0.02 * t);
            for (int i = 0; i < w.length; i++) {
                double g = grads[t][i];
                vel[i] = 0.9 * vel[i] - lrT * g;
                w[i] += 0.9 * vel[i] - lrT * g;
            }
        }
        assertClose(run(new NesterovSgd(0.1f, 0.9f, 0.02f), grads), w);
    }

    @Test
    void savedStateResumesExactly() throws IOException {
        checkResume(() -> new RmsProp(1e-2f, 0.05f));
        checkResume(() -> new KerasAdam(1e-2f, 0.01f));
        checkResume(() -> new NesterovSgd(0.1f, 0.9f, 0.02f));
    }

    @Test
    void stateOfAnotherKindIsRejected() throws IOException {
        KerasOptimizer adam = new KerasAdam(1e-3f, 0f);
        run(adam, randomGrads(1, 3, 4));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        adam.save(new DataOutputStream(bytes));
        assertThatThrownBy(() -> new RmsProp(1e-3f, 0f)
                .load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), manager))
                .hasMessageContaining("adam").hasMessageContaining("rmsprop");
    }

    @Test
    void rejectsBadHyperParameters() {
        assertThatThrownBy(() -> new RmsProp(0f, 0f)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new RmsProp(1e-3f, 1f, 1e-7f, 0f)).hasMessageContaining("rho");
        assertThatThrownBy(() -> new NesterovSgd(1e-3f, -0.1f, 0f)).hasMessageContaining("momentum");
    }

    private void checkResume(Supplier<KerasOptimizer> factory) throws IOException {
        float[][] grads = randomGrads(8, 3, 5);
        float[] straight = run(factory.get(), grads);

        KerasOptimizer first = factory.get();
        NDArray w = manager.create(W0.clone());
        for (int t = 0; t < 3; t++) {
            first.update("w", w, manager.create(grads[t]));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.save(new DataOutputStream(bytes));
        KerasOptimizer resumed = factory.get();
        resumed.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), manager);
        assertThat(resumed.iterations("w")).isEqualTo(3);
        for (int t = 3; t < grads.length; t++) {
            resumed.update("w", w, manager.create(grads[t]));
        }
        assertThat(w.toFloatArray()).as(resumed.name()).containsExactly(straight);
    }

    private float[] run(KerasOptimizer opt, float[][] grads) {
        NDArray w = manager.create(W0.clone());
        for (float[] g : grads) {
            opt.update("w", w, manager.create(g));
        }
        return w.toFloatArray();
    }

    private static float[][] randomGrads(int steps, int n, long seed) {
        Random r = new Random(seed);
        float[][] g = new float[steps][n];
        for (float[] row : g) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return g;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void assertClose(float[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
