package dev.ebm.core.sampling;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The distribution fresh chains start from: uniform on {@code [low, high]} in every coordinate (Du
 * &amp; Mordatch 2019; Nijkamp et al.'s image runs) or Gaussian {@code N(mean, std²)} (Nijkamp et
 * al.'s toy runs).
 */
public sealed interface ChainInit {

  /** Draws starting points of the given shape. */
  <T extends TFloating> Operand<T> sample(
      Ops tf, RandomStream stream, Operand<TInt64> shape, Class<T> type);

  /** The same distribution as a variable initialiser (e.g. for a replay buffer's contents). */
  Initializer asInitializer();

  /** Uniform noise on {@code [low, high]}. */
  static ChainInit uniform(double low, double high) {
    return new Uniform(low, high);
  }

  /** Gaussian noise {@code N(mean, std²)}. */
  static ChainInit gaussian(double mean, double std) {
    return new Gaussian(mean, std);
  }

  /** See {@link ChainInit#uniform}. */
  record Uniform(double low, double high) implements ChainInit {
    public Uniform {
      if (!(high > low)) {
        throw new IllegalArgumentException(
            "uniform init needs high > low, got " + low + ", " + high);
      }
    }

    @Override
    public <T extends TFloating> Operand<T> sample(
        Ops tf, RandomStream stream, Operand<TInt64> shape, Class<T> type) {
      return stream.uniform(tf, shape, type, low, high);
    }

    @Override
    public Initializer asInitializer() {
      return Initializer.uniform(low, high);
    }
  }

  /** See {@link ChainInit#gaussian}. */
  record Gaussian(double mean, double std) implements ChainInit {
    public Gaussian {
      if (!(std > 0)) {
        throw new IllegalArgumentException("Gaussian init needs std > 0, got " + std);
      }
    }

    @Override
    public <T extends TFloating> Operand<T> sample(
        Ops tf, RandomStream stream, Operand<TInt64> shape, Class<T> type) {
      return tf.math.add(
          tf.math.mul(stream.normal(tf, shape, type), tf.constant(type, std)),
          tf.constant(type, mean));
    }

    @Override
    public Initializer asInitializer() {
      return Initializer.normal(mean, std);
    }
  }
}
