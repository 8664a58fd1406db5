package dev.ebm.methods;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The denoising score-matching term (Vincent 2011) at per-sample noise levels, weighted by {@code
 * λ(σ) = σ²} as in NCSN:
 *
 * <pre>
 *   x̃ = x + σ ε,   ℓ(x, ε, σ) = ½ ‖σ s(x̃, σ) + ε‖² = ½ ‖ε − σ ∇ₓE(x̃, σ)‖²
 * </pre>
 *
 * since the score of the perturbation kernel is {@code −(x̃ − x)/σ² = −ε/σ}. A model that takes no
 * noise level is evaluated as {@code E(x̃)}.
 */
public final class DenoisingLoss {

  private DenoisingLoss() {}

  /**
   * {@code ℓ} per sample, shape {@code [B]}, for data {@code x}, standard normal {@code noise} of
   * the same shape, and noise levels {@code sigma} of shape {@code [B]}.
   */
  public static <T extends TFloating> Operand<T> perSample(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x,
      Operand<T> noise,
      Operand<T> sigma) {
    Operand<T> sigmaPerCoordinate = broadcastPerSample(tf, sigma, x);
    Operand<T> perturbed = tf.math.add(x, tf.math.mul(sigmaPerCoordinate, noise));
    Operand<T> energy =
        model instanceof NoiseConditionalEnergyModel conditional
            ? conditional.energy(tf, perturbed, sigma, parameters)
            : model.energy(tf, perturbed, parameters);
    Operand<T> gradient = Gradients.gradient(energy, perturbed);
    Operand<T> residual = tf.math.sub(noise, tf.math.mul(sigmaPerCoordinate, gradient));
    return BatchOps.scale(tf, BatchOps.squaredNorm(tf, residual), 0.5);
  }

  /**
   * {@code σ} of shape {@code [B]} reshaped to {@code [B, 1, …]} to broadcast against {@code x}.
   */
  static <T extends TFloating> Operand<T> broadcastPerSample(
      Ops tf, Operand<T> sigma, Operand<T> x) {
    Operand<org.tensorflow.types.TInt32> ones =
        tf.fill(
            tf.expandDims(tf.math.sub(tf.rank(x), tf.constant(1)), tf.constant(0)), tf.constant(1));
    return tf.reshape(
        sigma, tf.concat(java.util.List.of(tf.constant(new int[] {-1}), ones), tf.constant(0)));
  }
}
