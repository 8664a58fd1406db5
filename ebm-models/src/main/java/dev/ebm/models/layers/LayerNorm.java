package dev.ebm.models.layers;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Layer normalisation (Ba et al. 2016) over all of a sample's features: {@code γ ⊙ (h − μ) / √(s² +
 * ε) + β}, with {@code μ, s²} the mean and variance over every non-batch axis of one sample and
 * {@code γ, β} per channel (the last axis). Unlike batch normalisation it treats each sample alone,
 * so an energy stays a function of its own input.
 */
public final class LayerNorm implements Layer {

  private static final double EPSILON = 1e-5;

  private final String name;
  private final int channels;
  private final int rank;

  /** A layer norm for inputs of the given rank (batch axis included) and channel count. */
  public LayerNorm(String name, int rank, int channels) {
    this.name = name;
    this.rank = rank;
    this.channels = channels;
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return List.of(
        ParameterSpec.trainable(name + "/gain", Shape.of(channels), Initializer.constant(1)),
        ParameterSpec.trainable(name + "/bias", Shape.of(channels), Initializer.zeros()));
  }

  @Override
  public <T extends TFloating> Operand<T> apply(
      Ops tf, Operand<T> input, Parameters<T> parameters) {
    int[] featureAxes = new int[rank - 1];
    for (int i = 0; i < featureAxes.length; i++) {
      featureAxes[i] = i + 1;
    }
    Operand<org.tensorflow.types.TInt32> axes = tf.constant(featureAxes);
    Operand<T> centred =
        tf.math.sub(input, tf.math.mean(input, axes, org.tensorflow.op.math.Mean.keepDims(true)));
    Operand<T> variance =
        tf.math.mean(tf.math.square(centred), axes, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<T> normalized =
        tf.math.mul(
            centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(input.type(), EPSILON))));
    return tf.math.add(
        tf.math.mul(normalized, parameters.get(name + "/gain")), parameters.get(name + "/bias"));
  }
}
