package dev.ebm.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** The axes of a tensor, for reductions over all of them whatever its rank. */
final class Axes {

  private Axes() {}

  /** {@code [0, 1, …, rank(x) − 1]}, computed in the graph. */
  static Operand<TInt32> all(Ops tf, Operand<?> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }
}
