package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class L2PenaltyTest {
    @Test
    void sumsSquaresOfConvolutionKernelsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = ModelSpec.segnet().withFilters(1, 1, 2, 2);
            SegmentationNet net = Networks.initialized(spec, m, 5);
            // every parameter filled with 0.5: only WEIGHTs of convolutions may count
            for (Pair<String, Parameter> p : net.getParameters()) {
                p.getValue().getArray().set(m.full(p.getValue().getArray().getShape(), 0.5f).toFloatArray());
            }
            // kernel sizes: c1 1x1x3x3, c2 1x1, c3 2x1, c4 2x2, c5 2x2, c6 2x2, c7 1x2, c8 1x1, head 3x1x1x1
            long kernelValues = 9L * (1 + 1 + 2 + 4 + 4 + 4 + 2 + 1) + 3;
            double expected = 0.01 * kernelValues * 0.25;
            assertThat(L2Penalty.of(net, 0.01).getFloat()).isCloseTo((float) expected, within(1e-6f));
        }
    }

    @Test
    void sharedKernelsCountOnce() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = ModelSpec.xnet().withFilters(1, 1, 1, 1);
            SegmentationNet plain = Networks.initialized(spec, m, 5);
            SegmentationNet shared = Networks.initialized(spec.withSharedWeights(true), m, 5);
            for (SegmentationNet net : new SegmentationNet[] {plain, shared}) {
                for (Parameter p : Networks.convolutionKernels(net)) {
                    p.getArray().set(m.ones(p.getArray().getShape()).toFloatArray());
                }
            }
            // one output channel per unit; c7, c8, c13, c14 and the head see a concatenation (2 inputs)
            int plainKernels = 9 * (10 * 1 + 4 * 2) + 3 * 2;
            // sharing drops the kernels of c9..c12 (1 input each) and c13 (2 inputs)
            int sharedKernels = plainKernels - 9 * (4 * 1 + 2);
            assertThat(L2Penalty.of(plain, 1.0).getFloat()).isEqualTo(plainKernels);
            assertThat(L2Penalty.of(shared, 1.0).getFloat()).isEqualTo(sharedKernels);
        }
    }
}
