package org.xnet.train;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.types.Shape;
import org.xnet.core.Dataset;
import org.xnet.testutil.PhantomData;

/** The phantom task of {@link PhantomData} and a tiny network for trainer tests. */
final class TinySegData {
    private TinySegData() {
    }

    static Dataset dataset(int size, int train, int validation, long seed) {
        return PhantomData.dataset(size, train, validation, 0, seed);
    }

    /** conv3x3(8) - BN - ReLU - conv1x1(3): enough for intensity classes. */
    static Block tinyNet() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(3).build());
    }
}
