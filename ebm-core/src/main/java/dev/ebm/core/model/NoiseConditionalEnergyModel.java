package dev.ebm.core.model;

import dev.ebm.core.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * An energy conditioned on a noise level, {@code E_θ(x, σ)}: the energy of the data density
 * convolved with {@code N(0, σ² I)}, as noise-conditional score networks (Song &amp; Ermon 2019)
 * learn it. Its unconditioned {@link #energy} is the energy at {@link #defaultSigma()}, the
 * smallest noise level it was trained for: its best estimate of the data's own energy.
 */
public interface NoiseConditionalEnergyModel extends EnergyModel {

  /** The noise level that the unconditioned energy uses. */
  double defaultSigma();

  /**
   * Builds {@code E(x, σ)} for a checked batch {@code x} and per-sample noise levels {@code sigma}
   * of shape {@code [B]}.
   */
  <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Operand<T> sigma, Parameters<T> parameters);

  /**
   * Builds {@code E(x, σ)}, of shape {@code [B]}, for a batch {@code x} and noise levels {@code
   * sigma} of shape {@code [B]}.
   *
   * @throws IllegalArgumentException naming the expected and given shapes, if they differ
   */
  default <T extends TFloating> Operand<T> energy(
      Ops tf, Operand<T> x, Operand<T> sigma, Parameters<T> parameters) {
    InputShapes.requireBatchOf(this, x);
    InputShapes.requirePerSampleNoise(this, x, sigma);
    return computeEnergy(tf, x, sigma, parameters);
  }

  @Override
  default <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Operand<T> sigma =
        tf.fill(
            tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
            tf.constant(x.type(), defaultSigma()));
    return computeEnergy(tf, x, sigma, parameters);
  }
}
