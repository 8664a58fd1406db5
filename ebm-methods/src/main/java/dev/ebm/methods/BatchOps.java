package dev.ebm.methods;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/** Per-sample reductions over batches {@code [B, s₁, …]}, shared by the objectives. */
final class BatchOps {

  private BatchOps() {}

  /** The axes of one sample, {@code 1 … rank−1}. */
  static Operand<TInt32> sampleAxes(Ops tf, Operand<?> x) {
    return tf.range(tf.constant(1), tf.rank(x), tf.constant(1));
  }

  /** {@code ‖vᵢ‖²} per sample, shape {@code [B]}. */
  static <T extends TFloating> Operand<T> squaredNorm(Ops tf, Operand<T> v) {
    return tf.reduceSum(tf.math.square(v), sampleAxes(tf, v));
  }

  /** {@code aᵢ · bᵢ} per sample, shape {@code [B]}. */
  static <T extends TFloating> Operand<T> dot(Ops tf, Operand<T> a, Operand<T> b) {
    return tf.reduceSum(tf.math.mul(a, b), sampleAxes(tf, a));
  }

  /** The mean over all elements. */
  static <T extends TFloating> Operand<T> mean(Ops tf, Operand<T> v) {
    return tf.math.mean(v, tf.range(tf.constant(0), tf.rank(v), tf.constant(1)));
  }

  /** {@code c · v}. */
  static <T extends TFloating> Operand<T> scale(Ops tf, Operand<T> v, double c) {
    return tf.math.mul(v, tf.constant(v.type(), c));
  }

  /** The shape of {@code x} as an int64 vector (for random ops). */
  static Operand<TInt64> shapeOf(Ops tf, Operand<?> x) {
    return tf.shape(x, TInt64.class);
  }
}
