package dev.ebm.models.layers;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.family.TFloating;

/**
 * The self-attention block of SAGAN (Zhang et al. 2019), as Du &amp; Mordatch's ResNet energy uses
 * it, on NHWC feature maps with {@code N = H·W} positions {@code hᵢ ∈ ℝ^C}:
 *
 * <pre>
 *   fᵢ = W_f hᵢ,  gⱼ = W_g hⱼ   (C → C/8, no bias),   vⱼ = W_v hⱼ + b_v   (C → C)
 *   Aᵢⱼ = softmaxⱼ(fᵢ · gⱼ),     outᵢ = hᵢ + γ Σⱼ Aᵢⱼ vⱼ
 * </pre>
 *
 * The projections are SAGAN's 1×1 convolutions, written as matrix products over positions; the
 * query and key have no bias (a key bias shifts every logit of a row equally, which the softmax
 * ignores). {@code γ} starts at 0, so the block starts as the identity.
 */
public final class SelfAttention implements Layer {

  private final String name;
  private final int height;
  private final int width;
  private final int channels;
  private final Dense query;
  private final Dense key;
  private final Dense value;

  /** A self-attention block for feature maps of {@code height × width × channels}. */
  public SelfAttention(String name, int height, int width, int channels, boolean spectralNorm) {
    this.name = name;
    this.height = height;
    this.width = width;
    this.channels = channels;
    int reduced = Math.max(1, channels / 8);
    this.query = Dense.withoutBias(name + "/query", channels, reduced, spectralNorm);
    this.key = Dense.withoutBias(name + "/key", channels, reduced, spectralNorm);
    this.value = new Dense(name + "/value", channels, channels, spectralNorm);
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    List<ParameterSpec> specs = new ArrayList<>();
    specs.addAll(query.parameterSpecs());
    specs.addAll(key.parameterSpecs());
    specs.addAll(value.parameterSpecs());
    specs.add(ParameterSpec.trainable(name + "/gamma", Shape.scalar(), Initializer.zeros()));
    return specs;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(
      Ops tf, Operand<T> input, Parameters<T> parameters) {
    long positions = (long) height * width;
    Operand<T> rows = tf.reshape(input, tf.constant(new long[] {-1, channels}));
    Operand<T> f = perImage(tf, query.apply(tf, rows, parameters), positions);
    Operand<T> g = perImage(tf, key.apply(tf, rows, parameters), positions);
    Operand<T> v = perImage(tf, value.apply(tf, rows, parameters), positions);
    Operand<T> attention =
        tf.nn.softmax(tf.train.batchMatMul(f, g, input.type(), BatchMatMul.adjY(true)));
    Operand<T> attended =
        tf.reshape(
            tf.train.batchMatMul(attention, v, input.type()),
            tf.constant(new long[] {-1, height, width, channels}));
    return tf.math.add(input, tf.math.mul(parameters.get(name + "/gamma"), attended));
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    Map<String, Operand<T>> updates = new LinkedHashMap<>();
    updates.putAll(query.stateUpdates(tf, parameters));
    updates.putAll(key.stateUpdates(tf, parameters));
    updates.putAll(value.stateUpdates(tf, parameters));
    return updates;
  }

  /** {@code [B·N, c] → [B, N, c]}. */
  private static <T extends TFloating> Operand<T> perImage(
      Ops tf, Operand<T> rows, long positions) {
    return tf.reshape(rows, tf.constant(new long[] {-1, positions, rows.shape().get(1)}));
  }
}
