package dev.ebm.core.testing;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A small MLP energy {@code d → h → h → 1} for core tests, which may not depend on ebm-models:
 * dense layers with biases and the given activation after the hidden layers.
 */
public final class TestMlp implements EnergyModel {

  /** The activations the second-order tests exercise. */
  public enum Activation {
    SOFTPLUS,
    SWISH,
    TANH,
    ELU;

    <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> x) {
      return switch (this) {
        case SOFTPLUS -> tf.math.softplus(x);
        case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
        case TANH -> tf.math.tanh(x);
        case ELU -> tf.nn.elu(x);
      };
    }
  }

  private final int inputs;
  private final int hidden;
  private final Activation activation;

  public TestMlp(int inputs, int hidden, Activation activation) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.activation = activation;
  }

  @Override
  public String name() {
    return "test_mlp";
  }

  @Override
  public Shape sampleShape() {
    return Shape.of(inputs);
  }

  @Override
  public Smoothness smoothness() {
    return Smoothness.TWICE_DIFFERENTIABLE;
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("inputs", inputs, "hidden", hidden, "activation", activation.name());
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    List<ParameterSpec> specs = new ArrayList<>();
    int[] widths = {inputs, hidden, hidden, 1};
    for (int layer = 0; layer < 3; layer++) {
      Initializer init = Initializer.fanInUniform(widths[layer]);
      specs.add(
          ParameterSpec.trainable(
              "dense" + layer + "/kernel", Shape.of(widths[layer], widths[layer + 1]), init));
      specs.add(
          ParameterSpec.trainable("dense" + layer + "/bias", Shape.of(widths[layer + 1]), init));
    }
    return specs;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    BiFunction<Operand<T>, Integer, Operand<T>> dense =
        (h, layer) ->
            tf.nn.biasAdd(
                tf.linalg.matMul(h, parameters.get("dense" + layer + "/kernel")),
                parameters.get("dense" + layer + "/bias"));
    Operand<T> h = activation.apply(tf, dense.apply(x, 0));
    h = activation.apply(tf, dense.apply(h, 1));
    return tf.reshape(dense.apply(h, 2), tf.constant(new long[] {-1}));
  }
}
