package dev.ebm.core.trained;

import java.util.OptionalDouble;
import org.tensorflow.ndarray.Shape;

/**
 * A trained energy {@code E(x)} (or {@code E(x, σ)} for a noise-conditional one) that can be
 * evaluated on batches of points: its energies, its scores {@code s(x) = −∇ₓE(x)}, and its log
 * partition function {@code log Z} where training learned one (so that {@code log p(x) = −E(x) −
 * log Z}). Points are row-major {@code [n] + sampleShape}; noise levels, for a noise-conditional
 * energy, one per point.
 */
public interface EnergyFunction extends AutoCloseable {

  /** The shape of one sample. */
  Shape sampleShape();

  /** Whether the energy takes a noise level σ beside each point. */
  boolean isNoiseConditional();

  /**
   * {@code E(xᵢ)} for each of the {@code x.length / sampleSize} points.
   *
   * @param sigma the noise level of each point, for a noise-conditional energy; else ignored
   */
  double[] energies(double[] x, double[] sigma);

  /** {@code −∇ₓE(xᵢ)} for each point, in the layout of {@code x}. */
  double[] scores(double[] x, double[] sigma);

  /** The learned {@code log Z}, if training learned one. */
  OptionalDouble logPartition();

  /** Where the energy comes from, in one line. */
  String describe();

  /**
   * The noise levels to hand {@link #energies} and {@link #scores} for {@code n} points at {@code
   * sigma}: {@code sigma} for each point of a noise-conditional energy, none ({@code null}) for a
   * plain one.
   *
   * @throws IllegalArgumentException if the energy is noise-conditional and {@code sigma} is empty
   */
  default double[] noiseLevels(int n, OptionalDouble sigma) {
    if (!isNoiseConditional()) {
      return null;
    }
    double[] out = new double[n];
    java.util.Arrays.fill(
        out,
        sigma.orElseThrow(
            () ->
                new IllegalArgumentException(
                    describe() + " is noise-conditional: give the noise level to evaluate it at")));
    return out;
  }

  /** The number of values in one sample. */
  default int sampleSize() {
    return Math.toIntExact(sampleShape().size());
  }

  @Override
  void close();
}
