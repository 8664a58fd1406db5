package dev.ebm.core.model;

import dev.ebm.core.data.Standardization;
import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A model trained on standardised data, in the data's own units: {@code E(x) = E'((x − μ)/s)} (see
 * {@link Standardization}). Its score is {@code s'((x − μ)/s)/s} by the chain rule, and its log
 * partition function {@code log Z' + Σ log s}. It has the parameters of the model it wraps.
 */
public final class StandardizedEnergy implements EnergyModel {

  private final EnergyModel base;
  private final Standardization standardization;

  /** {@code base}, trained on data mapped by {@code standardization}. */
  public StandardizedEnergy(EnergyModel base, Standardization standardization) {
    if (base.sampleShape().size() != standardization.mean().length) {
      throw new IllegalArgumentException(
          "a standardisation of "
              + standardization.mean().length
              + " coordinates cannot wrap "
              + base.name()
              + " of samples "
              + base.sampleShape());
    }
    this.base = base;
    this.standardization = standardization;
  }

  /** The model it wraps, in the standardised coordinates it trained in. */
  public EnergyModel base() {
    return base;
  }

  /** The map the wrapped model was trained behind. */
  public Standardization standardization() {
    return standardization;
  }

  @Override
  public String name() {
    return base.name();
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
    c.put("standardized", true);
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Class<T> type = x.type();
    Operand<T> mean = Constants.of(tf, sampleShape(), standardization.mean(), type);
    Operand<T> scale = Constants.of(tf, sampleShape(), standardization.scale(), type);
    Operand<T> standardized = tf.math.div(tf.math.sub(x, mean), scale);
    return base.computeEnergy(tf, standardized, parameters);
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return base.stateUpdates(tf, parameters);
  }
}
