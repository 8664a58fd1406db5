package dev.ebm.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The learning rate of step {@code t} (the number of steps taken before it): constant, or falling
 * to zero along a half cosine over {@code N} steps and staying there,
 *
 * <pre>
 *   lr_t = lr · ½ (1 + cos(π · min(t, N) / N))
 * </pre>
 *
 * A constant rate leaves Adam's iterates jittering by about {@code lr} per parameter around the
 * optimum however large the batch; the decay lets them settle, which quantities read off the final
 * parameters (NCE's {@code c} against the energy's {@code log Z}) need.
 *
 * @param decaySteps N, or 0 for a constant rate
 */
public record LearningRateSchedule(long decaySteps) {

  public LearningRateSchedule {
    if (decaySteps < 0) {
      throw new IllegalArgumentException(
          "the learning-rate decay needs 0 (none) or a positive number of steps, got "
              + decaySteps);
    }
  }

  /** A constant learning rate. */
  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(0);
  }

  /** Cosine decay to zero over {@code steps} steps. */
  public static LearningRateSchedule cosine(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException(
          "a cosine decay needs at least 1 step, got " + steps + "; use constant() for none");
    }
    return new LearningRateSchedule(steps);
  }

  /** Whether the rate stays {@code lr}. */
  public boolean isConstant() {
    return decaySteps == 0;
  }

  /** {@code lr_t / lr} at step {@code t}. */
  public double factor(long step) {
    if (isConstant()) {
      return 1;
    }
    return 0.5 * (1 + Math.cos(Math.PI * Math.min(step, decaySteps) / decaySteps));
  }

  /** {@code lr_t} in the graph, for the step counter {@code step}. */
  public <T extends TFloating> Operand<T> learningRate(
      Ops tf, double learningRate, Operand<TInt64> step, Class<T> type) {
    if (isConstant()) {
      return tf.constant(type, learningRate);
    }
    Operand<T> progress =
        tf.math.div(
            tf.dtypes.cast(tf.math.minimum(step, tf.constant(decaySteps)), type),
            tf.constant(type, decaySteps));
    Operand<T> cosine = tf.math.cos(tf.math.mul(progress, tf.constant(type, Math.PI)));
    return tf.math.mul(
        tf.math.add(cosine, tf.constant(type, 1.0)), tf.constant(type, 0.5 * learningRate));
  }

  /** One line for logs: {@code constant} or {@code cosine decay to 0 over N steps}. */
  public String describe() {
    return isConstant() ? "constant" : "cosine decay to 0 over " + decaySteps + " steps";
  }
}
