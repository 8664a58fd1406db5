package dev.ebm.core.sampling;

import dev.ebm.core.random.RandomStream;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The Metropolis–Hastings accept/reject step shared by the kernels: chain {@code b} moves to its
 * proposal when {@code log u_b < log α_b}, {@code u_b ~ U[0, 1)}; a proposal whose {@code log α} is
 * not a number (an overflowing energy) is rejected.
 */
final class MetropolisAcceptance {

  private MetropolisAcceptance() {}

  static <T extends TFloating> MetropolisKernel.Transition<T> decide(
      Ops tf,
      MetropolisKernel.State<T> current,
      MetropolisKernel.State<T> proposed,
      Operand<T> logAlpha,
      RandomStream stream) {
    Class<T> type = logAlpha.type();
    Operand<T> u = stream.uniform(tf, tf.shape(logAlpha, TInt64.class), type);
    Operand<TBool> accept = tf.math.less(tf.math.log(u), logAlpha);
    Operand<T> zero = tf.zerosLike(logAlpha);
    // min(1, α), with α = 0 where log α is NaN.
    Operand<T> acceptance =
        tf.select(tf.math.isNan(logAlpha), zero, tf.math.exp(tf.math.minimum(logAlpha, zero)));
    MetropolisKernel.State<T> next =
        new MetropolisKernel.State<>(
            choose(tf, accept, proposed.x(), current.x()),
            tf.select(accept, proposed.energy(), current.energy()),
            choose(tf, accept, proposed.gradient(), current.gradient()));
    return new MetropolisKernel.Transition<>(next, acceptance);
  }

  /**
   * Per chain, {@code ifTrue} where {@code condition} ({@code [B]}) holds, else {@code ifFalse}.
   */
  private static <T extends TFloating> Operand<T> choose(
      Ops tf, Operand<TBool> condition, Operand<T> ifTrue, Operand<T> ifFalse) {
    // [B] → [B, 1, …, 1], of the values' rank (known only when the graph runs, inside a loop).
    Operand<TInt32> ones =
        tf.fill(
            tf.expandDims(tf.math.sub(tf.rank(ifFalse), tf.constant(1)), tf.constant(0)),
            tf.constant(1));
    Operand<TInt32> shape = tf.concat(List.of(tf.constant(new int[] {-1}), ones), tf.constant(0));
    return tf.select(tf.reshape(condition, shape), ifTrue, ifFalse);
  }

  /** {@code Σ} over every axis but the first: one value per chain. */
  static <T extends TFloating> Operand<T> sumPerChain(Ops tf, Operand<T> values) {
    return tf.reduceSum(values, tf.range(tf.constant(1), tf.rank(values), tf.constant(1)));
  }
}
