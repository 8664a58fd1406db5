package dev.ebm.core.sampling;

import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * One Langevin update on the graph, the one place it is written (the samplers' while loop and
 * improved CD's differentiable last step both build it here):
 *
 * <pre>
 *   x' = clamp( x − λ · clip(∇ₓE(x)) + n · z )
 * </pre>
 *
 * with drift {@code λ = ε²/2} and noise std {@code n = τε} ({@link LangevinStep}), the gradient
 * clipped elementwise to {@code [−c, c]} and the state clamped to a box when asked.
 */
public final class LangevinUpdate {

  private LangevinUpdate() {}

  /**
   * The next state.
   *
   * @param gradient {@code ∇ₓE(x)}
   * @param drift λ (a scalar)
   * @param noiseStd n (a scalar)
   * @param z standard normal noise of the shape of x
   */
  public static <T extends TFloating> Operand<T> next(
      Ops tf,
      Operand<T> x,
      Operand<T> gradient,
      Operand<T> drift,
      Operand<T> noiseStd,
      Operand<T> z,
      OptionalDouble gradientClip,
      Optional<ClampRange> clamp) {
    Class<T> type = x.type();
    Operand<T> g = gradient;
    if (gradientClip.isPresent()) {
      double c = gradientClip.getAsDouble();
      g = tf.clipByValue(g, tf.constant(type, -c), tf.constant(type, c));
    }
    Operand<T> next = tf.math.add(tf.math.sub(x, tf.math.mul(drift, g)), tf.math.mul(noiseStd, z));
    if (clamp.isPresent()) {
      next =
          tf.clipByValue(
              next, tf.constant(type, clamp.get().low()), tf.constant(type, clamp.get().high()));
    }
    return next;
  }
}
