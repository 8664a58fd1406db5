package dev.ebm.core.model;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * An energy function {@code E_θ(x)} defining the density {@code p_θ(x) = exp(−E_θ(x)) / Z_θ}: low
 * energy means high density. It builds the energies of a batch {@code x} of shape {@code [B, s₁,
 * …]} (one sample of shape {@link #sampleShape()} per row) as a tensor of shape {@code [B]}, from
 * parameter values passed in explicitly: the model declares its parameters as specs and owns no
 * variables, so the same energy can be built with live variables, an exponential moving average,
 * stop-gradient copies, or the loop-carried values inside a sampler's while loop.
 *
 * <p>Implementations implement {@link #computeEnergy}; callers use {@link #energy}, which checks
 * the input shape first.
 */
public interface EnergyModel {

  /** A short name for logs and provenance, e.g. {@code mlp}. */
  String name();

  /** The shape of one sample, e.g. {@code [2]} or {@code [28, 28, 1]}. */
  Shape sampleShape();

  /** The parameters this model's energy is built from. */
  List<ParameterSpec> parameterSpecs();

  /** How often the energy can usefully be differentiated with respect to {@code x}. */
  Smoothness smoothness();

  /** The configuration that rebuilds this model (for provenance and reports). */
  Map<String, Object> configuration();

  /**
   * Builds {@code E(x)} for a batch whose shape has already been checked; implementations build
   * under their own sub-scope of {@code tf}.
   */
  <T extends TFloating> Operand<T> computeEnergy(Ops tf, Operand<T> x, Parameters<T> parameters);

  /**
   * Builds {@code E(x)}, of shape {@code [B]}, for a batch {@code x} of shape {@code [B] +
   * sampleShape()}.
   *
   * @throws IllegalArgumentException naming the expected and the given shape, if they differ
   */
  default <T extends TFloating> Operand<T> energy(Ops tf, Operand<T> x, Parameters<T> parameters) {
    InputShapes.requireBatchOf(this, x);
    return computeEnergy(tf, x, parameters);
  }

  /**
   * The standard deviation per coordinate that data standardised for this model is given ({@link
   * dev.ebm.core.data.Standardization}): the input scale its initialisation learns best at. 1
   * unless a model measured otherwise.
   */
  default double standardizedScale() {
    return 1;
  }

  /**
   * The new values of this model's {@link ParameterSpec.Role#STATE} parameters after one training
   * step (e.g. a spectral-norm power iteration), computed from the values at the start of the step.
   * Models without state return an empty map.
   */
  default <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return Map.of();
  }
}
