package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.xnet.core.EnumNames;

/** The optimizers: Keras RMSProp (the original's, default), Keras Adam, SGD with Nesterov momentum 0.9. */
public enum OptimizerKind {
    RMSPROP("rmsprop"),
    ADAM("adam"),
    SGD("sgd");

    private final String key;

    OptimizerKind(String key) {
        this.key = key;
    }

    /** The name in configs and on the command line. */
    @JsonValue
    public String key() {
        return key;
    }

    /** The optimizer named {@code name} (any case). */
    @JsonCreator
    public static OptimizerKind parse(String name) {
        return EnumNames.parse(values(), OptimizerKind::key, name, "optimizer");
    }

    /** A fresh optimizer of this kind with learning rate {@code lrate} and Keras' {@code decay}. */
    public KerasOptimizer create(float lrate, float decay) {
        return switch (this) {
            case RMSPROP -> new RmsProp(lrate, decay);
            case ADAM -> new KerasAdam(lrate, decay);
            case SGD -> new NesterovSgd(lrate, 0.9f, decay);
        };
    }
}
