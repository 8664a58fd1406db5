package dev.ebm.core.model;

import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A product of experts (Hinton 2002; Du et al. 2020 compose energies this way): the density is
 * proportional to {@code Π pᵢ(x)^{wᵢ}}, so the energy is the weighted sum
 *
 * <pre>
 *   E(x) = Σᵢ wᵢ Eᵢ(x)
 * </pre>
 *
 * Expert {@code i}'s parameters are declared under {@code expert<i>/}. An expert may be frozen at
 * the values of a snapshot (e.g. read from its own training run's checkpoint): its parameters then
 * become state that no training step changes, so a composition of trained models can be sampled,
 * exported, or fine-tuned in part.
 */
public final class ProductOfExperts implements EnergyModel {

  /**
   * One factor of the product.
   *
   * @param model the expert's energy
   * @param weight its exponent {@code wᵢ}
   * @param frozenAt the values it is frozen at, or {@code null} for a trainable expert
   */
  public record Expert(EnergyModel model, double weight, ParameterSnapshot frozenAt) {

    /** A trainable expert. */
    public static Expert trainable(EnergyModel model, double weight) {
      return new Expert(model, weight, null);
    }

    /** An expert fixed at the given parameter values. */
    public static Expert frozen(EnergyModel model, double weight, ParameterSnapshot values) {
      return new Expert(model, weight, values);
    }
  }

  private final List<Expert> experts;

  /** The product of the given experts, which must all take samples of the same shape. */
  public ProductOfExperts(List<Expert> experts) {
    if (experts.isEmpty()) {
      throw new IllegalArgumentException("a product of experts needs at least one expert");
    }
    Shape shape = experts.get(0).model().sampleShape();
    for (Expert expert : experts) {
      if (!java.util.Arrays.equals(shape.asArray(), expert.model().sampleShape().asArray())) {
        throw new IllegalArgumentException(
            "all experts must take samples of one shape: "
                + experts.get(0).model().name()
                + " takes "
                + shape
                + ", "
                + expert.model().name()
                + " takes "
                + expert.model().sampleShape());
      }
    }
    this.experts = List.copyOf(experts);
  }

  @Override
  public String name() {
    return "poe";
  }

  @Override
  public Shape sampleShape() {
    return experts.get(0).model().sampleShape();
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    List<ParameterSpec> specs = new ArrayList<>();
    for (int i = 0; i < experts.size(); i++) {
      Expert expert = experts.get(i);
      List<ParameterSpec> own = expert.model().parameterSpecs();
      if (expert.frozenAt() != null) {
        own = expert.frozenAt().asSpecs(own).stream().map(ProductOfExperts::asState).toList();
      }
      for (ParameterSpec spec : own) {
        specs.add(spec.withPrefix(prefix(i)));
      }
    }
    return specs;
  }

  @Override
  public Smoothness smoothness() {
    boolean smooth =
        experts.stream().allMatch(e -> e.model().smoothness() == Smoothness.TWICE_DIFFERENTIABLE);
    return smooth ? Smoothness.TWICE_DIFFERENTIABLE : Smoothness.PIECEWISE_LINEAR;
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", name());
    for (int i = 0; i < experts.size(); i++) {
      Map<String, Object> expert = new LinkedHashMap<>(experts.get(i).model().configuration());
      expert.put("weight", experts.get(i).weight());
      expert.put("frozen", experts.get(i).frozenAt() != null);
      c.put(prefix(i), expert);
    }
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Operand<T> total = null;
    for (int i = 0; i < experts.size(); i++) {
      Expert expert = experts.get(i);
      Operand<T> energy =
          tf.math.mul(
              expert.model().computeEnergy(tf, x, parameters.scoped(prefix(i))),
              tf.constant(x.type(), expert.weight()));
      total = total == null ? energy : tf.math.add(total, energy);
    }
    return total;
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    Map<String, Operand<T>> updates = new LinkedHashMap<>();
    for (int i = 0; i < experts.size(); i++) {
      if (experts.get(i).frozenAt() == null) {
        String prefix = prefix(i);
        experts
            .get(i)
            .model()
            .stateUpdates(tf, parameters.scoped(prefix))
            .forEach((name, value) -> updates.put(prefix + "/" + name, value));
      }
    }
    return updates;
  }

  private static String prefix(int i) {
    return "expert" + i;
  }

  private static ParameterSpec asState(ParameterSpec spec) {
    return new ParameterSpec(
        spec.name(), spec.shape(), spec.initializer(), ParameterSpec.Role.STATE);
  }
}
