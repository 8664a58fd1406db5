package dev.ebm.models;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.model.Smoothness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A noise-conditional energy for NCSN built from a base model, in one of two ways ({@link
 * Conditioning}):
 *
 * <ul>
 *   <li>{@code SCALE}, as Song &amp; Ermon 2020 ("Improved techniques for training score-based
 *       generative models", technique 3) condition their score networks: {@code E(x, σ) = E_base(x)
 *       / σ}, so {@code s(x, σ) = s_base(x) / σ}. The score's magnitude follows the {@code 1/σ} of
 *       the true perturbed scores ({@code ‖∇ log q_σ‖ ≈ √d/σ}) and every parameter is shared across
 *       levels; the shape of the score cannot change with σ, which suits high-dimensional data.
 *   <li>{@code INPUT}: additionally the base sees {@code log σ} as an extra input feature, {@code
 *       E(x, σ) = E_base([vec(x), log σ]) / σ}, so the score's shape can change with σ (needed in
 *       low dimensions, where the perturbed densities differ in shape, e.g. a mixture at σ = 20 and
 *       at σ = 1). The base must take flat samples of one more coordinate than {@code x}.
 * </ul>
 *
 * The parameters are the base model's, under the same names, so a base checkpoint loads directly.
 */
public final class NoiseConditionalEnergy implements NoiseConditionalEnergyModel {

  /** How σ enters the energy. */
  public enum Conditioning {
    /** {@code E_base(x) / σ}. */
    SCALE,
    /** {@code E_base([vec(x), log σ]) / σ}. */
    INPUT
  }

  private final EnergyModel base;
  private final double defaultSigma;
  private final Conditioning conditioning;
  private final Shape sampleShape;

  /**
   * Conditions {@code base} on σ by scaling; see {@link #NoiseConditionalEnergy(EnergyModel,
   * double, Conditioning, Shape)}.
   */
  public NoiseConditionalEnergy(EnergyModel base, double defaultSigma) {
    this(base, defaultSigma, Conditioning.SCALE, base.sampleShape());
  }

  /**
   * Conditions {@code base} on σ; the unconditioned energy is the one at {@code defaultSigma} (the
   * smallest noise level trained). With {@link Conditioning#INPUT}, {@code sampleShape} is the
   * shape of {@code x} and the base must take flat samples of {@code size(x) + 1} coordinates.
   */
  public NoiseConditionalEnergy(
      EnergyModel base, double defaultSigma, Conditioning conditioning, Shape sampleShape) {
    if (!(defaultSigma > 0)) {
      throw new IllegalArgumentException(
          "the default noise level must be positive, got " + defaultSigma);
    }
    long expected =
        conditioning == Conditioning.SCALE ? sampleShape.size() : sampleShape.size() + 1;
    boolean fits =
        conditioning == Conditioning.SCALE
            ? java.util.Arrays.equals(base.sampleShape().asArray(), sampleShape.asArray())
            : base.sampleShape().numDimensions() == 1 && base.sampleShape().size() == expected;
    if (!fits) {
      throw new IllegalArgumentException(
          "conditioning "
              + conditioning.name().toLowerCase(java.util.Locale.ROOT)
              + " on samples of shape "
              + sampleShape
              + " needs a base model taking "
              + (conditioning == Conditioning.SCALE ? sampleShape.toString() : "[" + expected + "]")
              + ", got "
              + base.name()
              + " taking "
              + base.sampleShape());
    }
    this.base = base;
    this.defaultSigma = defaultSigma;
    this.conditioning = conditioning;
    this.sampleShape = sampleShape;
  }

  /** The unconditioned network. */
  public EnergyModel base() {
    return base;
  }

  @Override
  public double defaultSigma() {
    return defaultSigma;
  }

  @Override
  public String name() {
    return base.name() + "/sigma";
  }

  @Override
  public Shape sampleShape() {
    return sampleShape;
  }

  @Override
  public double standardizedScale() {
    return base.standardizedScale();
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return base.parameterSpecs();
  }

  @Override
  public Smoothness smoothness() {
    return base.smoothness();
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>(base.configuration());
    c.put(
        "noise_conditional",
        conditioning == Conditioning.SCALE ? "E(x)/sigma" : "E([x, log sigma])/sigma");
    c.put("sigma", defaultSigma);
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Operand<T> sigma, Parameters<T> parameters) {
    Operand<T> input = x;
    if (conditioning == Conditioning.INPUT) {
      Operand<T> flat = tf.reshape(x, tf.constant(new long[] {-1, sampleShape.size()}));
      Operand<T> logSigma = tf.expandDims(tf.math.log(sigma), tf.constant(1));
      input = tf.concat(java.util.List.of(flat, logSigma), tf.constant(1));
    }
    return tf.math.div(base.computeEnergy(tf, input, parameters), sigma);
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return base.stateUpdates(tf, parameters);
  }
}
