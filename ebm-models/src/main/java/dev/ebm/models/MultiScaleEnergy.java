package dev.ebm.models;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import dev.ebm.models.layers.Pooling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A multi-scale energy (Du et al. 2020, "Improved contrastive divergence training of energy-based
 * models"): the sum of separate networks' energies on the image at full, half and quarter
 * resolution,
 *
 * <pre>
 *   E(x) = Σ_{f ∈ {1, 2, 4}} E_f(avgpool_f(x))
 * </pre>
 *
 * where {@code avgpool_f} averages non-overlapping {@code f×f} windows. The network at factor
 * {@code f} is built for samples of {@code ⌊H/f⌋ × ⌊W/f⌋ × C} and its parameters live under {@code
 * scale<f>/}.
 */
public final class MultiScaleEnergy implements EnergyModel {

  private final Shape sampleShape;
  private final int[] factors;
  private final List<EnergyModel> scales = new ArrayList<>();

  /**
   * Builds one network per factor with {@code networkFor}, which is given the pooled sample shape.
   */
  public MultiScaleEnergy(
      Shape sampleShape, int[] factors, Function<Shape, EnergyModel> networkFor) {
    ImageShapes.requireImage("multiscale", sampleShape);
    if (factors.length == 0
        || Arrays.stream(factors)
            .anyMatch(f -> f < 1 || sampleShape.get(0) / f < 1 || sampleShape.get(1) / f < 1)) {
      throw new IllegalArgumentException(
          "multiscale needs pooling factors between 1 and the image size "
              + sampleShape
              + ", got "
              + Arrays.toString(factors));
    }
    this.sampleShape = sampleShape;
    this.factors = factors.clone();
    for (int f : factors) {
      scales.add(
          networkFor.apply(
              Shape.of(sampleShape.get(0) / f, sampleShape.get(1) / f, sampleShape.get(2))));
    }
  }

  @Override
  public String name() {
    return "multiscale";
  }

  @Override
  public Shape sampleShape() {
    return sampleShape;
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    List<ParameterSpec> specs = new ArrayList<>();
    for (int i = 0; i < factors.length; i++) {
      for (ParameterSpec spec : scales.get(i).parameterSpecs()) {
        specs.add(spec.withPrefix(prefix(i)));
      }
    }
    return specs;
  }

  @Override
  public Smoothness smoothness() {
    boolean smooth =
        scales.stream().allMatch(m -> m.smoothness() == Smoothness.TWICE_DIFFERENTIABLE);
    return smooth ? Smoothness.TWICE_DIFFERENTIABLE : Smoothness.PIECEWISE_LINEAR;
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", name());
    c.put("sample_shape", Arrays.toString(sampleShape.asArray()));
    c.put("factors", Arrays.toString(factors));
    c.put("network", scales.get(0).configuration());
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Operand<T> total = null;
    for (int i = 0; i < factors.length; i++) {
      Operand<T> input = factors[i] == 1 ? x : Pooling.average(tf, x, factors[i]);
      Operand<T> energy = scales.get(i).computeEnergy(tf, input, parameters.scoped(prefix(i)));
      total = total == null ? energy : tf.math.add(total, energy);
    }
    return total;
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    Map<String, Operand<T>> updates = new LinkedHashMap<>();
    for (int i = 0; i < factors.length; i++) {
      String prefix = prefix(i);
      scales
          .get(i)
          .stateUpdates(tf, parameters.scoped(prefix))
          .forEach((name, value) -> updates.put(prefix + "/" + name, value));
    }
    return updates;
  }

  private String prefix(int i) {
    return "scale" + factors[i];
  }
}
