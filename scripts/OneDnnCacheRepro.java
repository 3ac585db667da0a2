import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * Minimal reproducer of wrong convolutions in libtorch 2.7.1 (oneDNN 3.7.1) on AMD CPUs whose CPUID
 * leaf 0x8000001D reads as zeros (seen on AMD EPYC virtual machines): a 3x3 "same" convolution and
 * its gradients in FP32, NCHW, against the same convolution in float64. Uses DJL's API only.
 *
 * <pre>
 * mvn -q -DskipTests package        # puts DJL and its natives in target/lib
 * java -Dai.djl.offline=true -cp 'target/lib/*' scripts/OneDnnCacheRepro.java
 * </pre>
 *
 * Prints, per shape and trial, the largest error of output, input gradient and kernel gradient as a
 * fraction of the largest float64 value; correct FP32 stays below 1e-5.
 */
public class OneDnnCacheRepro {
    public static void main(String[] args) {
        System.out.println("libtorch " + Engine.getInstance().getVersion());
        int[][] shapes = {{64, 3}, {8, 8}, {16, 8}, {24, 24}, {16, 16}};
        for (int[] s : shapes) {
            for (int trial = 0; trial < 5; trial++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    m.getEngine().setRandomSeed(trial);
                    NDArray x = m.randomNormal(new Shape(2, s[0], 13, 11));
                    NDArray w = m.randomNormal(new Shape(s[1], s[0], 3, 3));
                    NDArray g = m.randomNormal(new Shape(2, s[1], 13, 11));
                    NDArray[] fp32 = convolve(x, w, g);
                    NDArray[] fp64 = convolve(x.toType(DataType.FLOAT64, false), w.toType(DataType.FLOAT64, false),
                            g.toType(DataType.FLOAT64, false));
                    System.out.printf("%2d->%-2d trial %d: output %.2e, input gradient %.2e, kernel gradient %.2e%n",
                            s[0], s[1], trial, error(fp32[0], fp64[0]), error(fp32[1], fp64[1]), error(fp32[2], fp64[2]));
                }
            }
        }
    }

    /** y = conv(x, w) with padding 1, and the gradients of sum(y * g) with respect to x and w. */
    private static NDArray[] convolve(NDArray x, NDArray w, NDArray g) {
        NDArray xi = x.duplicate();
        NDArray wi = w.duplicate();
        xi.setRequiresGradient(true);
        wi.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(xi, wi, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
            gc.backward(y.mul(g).sum());
            return new NDArray[] {y, xi.getGradient(), wi.getGradient()};
        }
    }

    /** max |a - b| / max |b|; NaN when a holds NaN. */
    private static double error(NDArray a, NDArray b) {
        NDArray d = a.toType(DataType.FLOAT64, false).sub(b).abs();
        return d.max().getDouble() / b.abs().max().getDouble();
    }
}
