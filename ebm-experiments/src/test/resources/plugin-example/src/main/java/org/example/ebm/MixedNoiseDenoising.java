package org.example.ebm;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.random.RandomStream;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Denoising score matching at a noise level drawn per sample, for an energy that is not told the
 * level (an example of a training method in its own module): with {@code log σ ~ U(log σ_min, log
 * σ_max)}, {@code ε ~ N(0, I)} and {@code x̃ = x + σε}, the loss is
 *
 * <pre>
 *   L(θ) = mean ½‖ε − σ∇ₓE(x̃)‖²        (λ(σ) = σ², as in Song &amp; Ermon 2019)
 * </pre>
 *
 * so the energy learns the data density smoothed over the whole range of levels.
 */
public final class MixedNoiseDenoising implements TrainingMethod {

  private final double sigmaMin;
  private final double sigmaMax;

  /** Noise levels between {@code sigmaMin} and {@code sigmaMax}, log-uniformly. */
  public MixedNoiseDenoising(double sigmaMin, double sigmaMax) {
    if (!(sigmaMin > 0) || !(sigmaMax >= sigmaMin)) {
      throw new IllegalArgumentException(
          "mixed-dsm needs 0 < sigma_min <= sigma_max, got " + sigmaMin + " and " + sigmaMax);
    }
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
  }

  @Override
  public String name() {
    return "mixed-dsm";
  }

  @Override
  public MethodRequirements requirements() {
    return MethodRequirements.firstOrder();
  }

  @Override
  public Map<String, Object> configuration() {
    return Map.of("sigma_min", sigmaMin, "sigma_max", sigmaMax);
  }

  @Override
  public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
    Ops tf = context.tf();
    Class<T> type = context.type();
    Operand<T> x = context.data();
    RandomStream random = context.random();
    Operand<TInt64> batch = tf.gather(tf.shape(x, TInt64.class), tf.constant(new int[] {0}), tf.constant(0));
    Operand<T> logSigma =
        random.child(tf, "sigma").uniform(tf, batch, type, Math.log(sigmaMin), Math.log(sigmaMax));
    Operand<T> sigma = tf.math.exp(logSigma);
    Operand<T> column = tf.expandDims(sigma, tf.constant(1));
    Operand<T> noise = random.child(tf, "noise").normal(tf, tf.shape(x, TInt64.class), type);
    Operand<T> noisy = tf.math.add(x, tf.math.mul(noise, column));
    Operand<T> gradient =
        Gradients.gradient(context.model().energy(tf, noisy, context.parameters()), noisy);
    Operand<T> residual = tf.math.sub(noise, tf.math.mul(gradient, column));
    Operand<T> perSample =
        tf.math.mul(tf.reduceSum(tf.math.square(residual), tf.constant(1)), tf.constant(type, 0.5));
    return TrainingObjective.of(tf.math.mean(perSample, tf.constant(0)), Map.of());
  }
}
