package dev.ebm.core.sampling;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Step-size adaptation during warm-up by stochastic approximation on {@code log ε}: after
 * transition {@code i < steps},
 *
 * <pre>
 *   log ε ← log ε + (ā − a*) / √(i + 1)
 * </pre>
 *
 * with {@code ā} the acceptance probability averaged over the chains and {@code a*} the target;
 * afterwards ε is fixed, so that the samples drawn after warm-up come from a kernel that leaves the
 * target invariant.
 *
 * @param steps the warm-up transitions that adapt (0: none)
 * @param target the acceptance rate aimed at, in (0, 1)
 */
public record StepSizeAdaptation(int steps, double target) {

  public StepSizeAdaptation {
    if (steps < 0) {
      throw new IllegalArgumentException("adaptation steps must be at least 0, got " + steps);
    }
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + target);
    }
  }

  /** {@code log ε} after transition {@code i} whose mean acceptance was {@code meanAcceptance}. */
  <T extends TFloating> Operand<T> next(
      Ops tf, Operand<TInt32> i, Operand<T> logEpsilon, Operand<T> meanAcceptance) {
    Class<T> type = logEpsilon.type();
    Operand<T> rate = tf.math.rsqrt(tf.math.add(tf.dtypes.cast(i, type), tf.constant(type, 1.0)));
    Operand<T> adapted =
        tf.math.add(
            logEpsilon, tf.math.mul(rate, tf.math.sub(meanAcceptance, tf.constant(type, target))));
    return tf.select(tf.math.less(i, tf.constant(steps)), adapted, logEpsilon);
  }

  /** For provenance. */
  String describe() {
    return steps == 0
        ? "fixed step"
        : "step adapted over " + steps + " warm-up transitions toward acceptance " + target;
  }
}
