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
 * A noise-conditional energy for NCSN built from any base model by scaling its output with the
 * noise level, as Song &amp; Ermon 2020 ("Improved techniques for training score-based generative
 * models", technique 3) condition their score networks:
 *
 * <pre>
 *   E(x, σ) = E_base(x) / σ,      so   s(x, σ) = −∇ₓE(x, σ) = s_base(x) / σ
 * </pre>
 *
 * The score's magnitude then follows the {@code 1/σ} of the true perturbed scores
 * ({@code ‖∇ log q_σ‖ ≈ √d/σ}) without a learned embedding, and the base network shares all of its
 * parameters across noise levels. The parameters are the base model's, under the same names, so a
 * base checkpoint loads directly.
 */
public final class NoiseConditionalEnergy implements NoiseConditionalEnergyModel {

  private final EnergyModel base;
  private final double defaultSigma;

  /**
   * Conditions {@code base} on σ; its unconditioned energy is the one at {@code defaultSigma} (the
   * smallest noise level trained).
   */
  public NoiseConditionalEnergy(EnergyModel base, double defaultSigma) {
    if (!(defaultSigma > 0)) {
      throw new IllegalArgumentException("the default noise level must be positive, got " + defaultSigma);
    }
    this.base = base;
    this.defaultSigma = defaultSigma;
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
    return base.sampleShape();
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
    c.put("noise_conditional", "E(x)/sigma");
    c.put("sigma", defaultSigma);
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Operand<T> sigma, Parameters<T> parameters) {
    return tf.math.div(base.computeEnergy(tf, x, parameters), sigma);
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(Ops tf, Parameters<T> parameters) {
    return base.stateUpdates(tf, parameters);
  }
}
