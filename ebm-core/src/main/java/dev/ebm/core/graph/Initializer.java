package dev.ebm.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Constant;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The initial value of a parameter, drawn with TensorFlow's stateless random ops from a seed, so
 * that the same seed always gives bit-identical values.
 *
 * <p>The draws are {@code tensorflow-framework}'s {@code Constant}, {@code RandomUniform} and
 * {@code RandomNormal} initialisers. The variance-scaling rules (Glorot, He, PyTorch's fan-in
 * uniform) compute their scale here, with {@link Fans}, and draw through those: framework 1.0.0's
 * own {@code VarianceScaling} family draws its uniform variant from {@code [0, limit)} instead of
 * {@code [-limit, limit)}, counts a convolution kernel's input channels twice in its fans, and
 * opens a throwaway session on the model's graph to read the shape.
 */
public sealed interface Initializer {

  /** Builds the initial value, of the given shape and type, from {@code seed}. */
  <T extends TFloating> Operand<T> initialValue(Ops tf, Shape shape, Class<T> type, long seed);

  /** Every element zero. */
  static Initializer zeros() {
    return new ConstantValue(0.0);
  }

  /** Every element {@code value}. */
  static Initializer constant(double value) {
    return new ConstantValue(value);
  }

  /** The given values, in row-major order (their count must match the parameter's shape). */
  static Initializer values(double... values) {
    return new Values(values.clone());
  }

  /** Elements drawn from {@code U(-limit, limit)}. */
  static Initializer uniform(double limit) {
    return new Uniform(-limit, limit);
  }

  /** Elements drawn from {@code U(low, high)}. */
  static Initializer uniform(double low, double high) {
    return new Uniform(low, high);
  }

  /** Elements drawn from {@code N(0, std²)}. */
  static Initializer normal(double std) {
    return new Normal(0, std);
  }

  /** Elements drawn from {@code N(mean, std²)}. */
  static Initializer normal(double mean, double std) {
    return new Normal(mean, std);
  }

  /**
   * PyTorch's default for dense and convolution layers: {@code U(-1/√fan_in, 1/√fan_in)}, with the
   * fan-in of the weight this parameter belongs to.
   */
  static Initializer fanInUniform(long fanIn) {
    if (fanIn < 1) {
      throw new IllegalArgumentException("fan-in must be at least 1, got " + fanIn);
    }
    return uniform(1.0 / Math.sqrt(fanIn));
  }

  /** Glorot &amp; Bengio (2010): {@code U(-a, a)} with {@code a = √(6 / (fan_in + fan_out))}. */
  static Initializer glorotUniform() {
    return new GlorotUniform();
  }

  /** He et al. (2015): {@code N(0, 2 / fan_in)}, for layers followed by a rectifier. */
  static Initializer heNormal() {
    return new HeNormal();
  }

  /** See {@link Initializer#constant}. */
  record ConstantValue(double value) implements Initializer {
    @Override
    public <T extends TFloating> Operand<T> initialValue(
        Ops tf, Shape shape, Class<T> type, long seed) {
      return new Constant<T>(value).call(tf, tf.constant(shape), type);
    }
  }

  /** See {@link Initializer#values}. */
  record Values(double[] values) implements Initializer {
    @Override
    public <T extends TFloating> Operand<T> initialValue(
        Ops tf, Shape shape, Class<T> type, long seed) {
      return Constants.of(tf, shape, values, type);
    }
  }

  /** See {@link Initializer#uniform(double, double)}. */
  record Uniform(double low, double high) implements Initializer {
    public Uniform {
      if (!(high > low) || Double.isInfinite(low) || Double.isInfinite(high)) {
        throw new IllegalArgumentException(
            "uniform range needs finite low < high, got [" + low + ", " + high + ")");
      }
    }

    @Override
    public <T extends TFloating> Operand<T> initialValue(
        Ops tf, Shape shape, Class<T> type, long seed) {
      return new RandomUniform<T>(low, high, seed).call(tf, tf.constant(shape), type);
    }
  }

  /** See {@link Initializer#normal(double, double)}. */
  record Normal(double mean, double std) implements Initializer {
    public Normal {
      if (!(std > 0) || Double.isInfinite(std) || Double.isInfinite(mean)) {
        throw new IllegalArgumentException(
            "normal needs a finite mean and std > 0, got " + mean + ", " + std);
      }
    }

    @Override
    public <T extends TFloating> Operand<T> initialValue(
        Ops tf, Shape shape, Class<T> type, long seed) {
      return new RandomNormal<T>(mean, std, seed).call(tf, tf.constant(shape), type);
    }
  }

  /** See {@link Initializer#glorotUniform}. */
  record GlorotUniform() implements Initializer {
    @Override
    public <T extends TFloating> Operand<T> initialValue(
        Ops tf, Shape shape, Class<T> type, long seed) {
      Fans fans = Fans.of(shape);
      double limit = Math.sqrt(6.0 / (fans.in() + fans.out()));
      return new Uniform(-limit, limit).initialValue(tf, shape, type, seed);
    }
  }

  /** See {@link Initializer#heNormal}. */
  record HeNormal() implements Initializer {
    @Override
    public <T extends TFloating> Operand<T> initialValue(
        Ops tf, Shape shape, Class<T> type, long seed) {
      return new Normal(0, Math.sqrt(2.0 / Fans.of(shape).in()))
          .initialValue(tf, shape, type, seed);
    }
  }
}
