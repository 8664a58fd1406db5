package dev.ebm.models;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.Smoothness;
import dev.ebm.models.layers.Activation;
import dev.ebm.models.layers.Dense;
import dev.ebm.models.layers.LayerStack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A multilayer perceptron energy {@code E(x) = c·(w_Lᵀ a(… a(W₁ vec(x) + b₁) …) + b_L)}: the sample
 * is flattened, passed through dense layers of the given widths with activation {@code a} after
 * each hidden layer, and a last dense layer to one output, times a constant {@code c} (1 unless
 * set; Nijkamp et al. parametrise {@code E = (2/ε²)·f} so that their Langevin step {@code x − ∇f +
 * εz} samples {@code exp(−E)}).
 */
public final class MlpEnergy implements EnergyModel {

  /**
   * The standard deviation data is standardised to for an MLP: 4 per coordinate, about the spread
   * of the 2-D toy densities the defaults were fitted on. At unit scale a freshly initialised MLP
   * is nearly linear over the data, and structure needs weights that Adam grows slowly; on the
   * defaults-check's far-from-origin mixture, standardised to 1 or to 4, grid KL went 0.115 → 0.077
   * ({@code ncsn}), 0.065 → 0.042 ({@code improved-cd}), 0.020 → 0.012 ({@code esm}), 0.039 → 0.045
   * ({@code dsm}) in 10 000 steps.
   */
  public static final double STANDARDIZED_SCALE = 4;

  private final Shape sampleShape;
  private final int[] hidden;
  private final Activation activation;
  private final double energyScale;
  private final LayerStack layers = new LayerStack();
  private final List<Dense> dense = new ArrayList<>();

  /** An MLP on samples of {@code sampleShape} with the given hidden widths. */
  public MlpEnergy(Shape sampleShape, int[] hidden, Activation activation, boolean spectralNorm) {
    this(sampleShape, hidden, activation, spectralNorm, 1);
  }

  /** The same with its output multiplied by {@code energyScale}. */
  public MlpEnergy(
      Shape sampleShape,
      int[] hidden,
      Activation activation,
      boolean spectralNorm,
      double energyScale) {
    if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "an MLP energy needs at least one hidden layer of positive width, got "
              + Arrays.toString(hidden));
    }
    if (!(energyScale > 0) || Double.isInfinite(energyScale)) {
      throw new IllegalArgumentException(
          "an MLP energy's scale must be positive and finite, got " + energyScale);
    }
    this.sampleShape = sampleShape;
    this.hidden = hidden.clone();
    this.activation = activation;
    this.energyScale = energyScale;
    int width = Math.toIntExact(sampleShape.size());
    for (int i = 0; i <= hidden.length; i++) {
      int next = i < hidden.length ? hidden[i] : 1;
      dense.add(layers.add(new Dense("dense" + i, width, next, spectralNorm)));
      width = next;
    }
  }

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public Shape sampleShape() {
    return sampleShape;
  }

  @Override
  public double standardizedScale() {
    return STANDARDIZED_SCALE;
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return layers.parameterSpecs();
  }

  @Override
  public Smoothness smoothness() {
    return activation.smoothness();
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", name());
    c.put("sample_shape", Arrays.toString(sampleShape.asArray()));
    c.put("hidden", Arrays.toString(hidden));
    c.put("activation", activation.optionName());
    if (energyScale != 1) {
      c.put("energy_scale", energyScale);
    }
    return c;
  }

  @Override
  public <T extends TFloating> Operand<T> computeEnergy(
      Ops tf, Operand<T> x, Parameters<T> parameters) {
    Operand<T> h = tf.reshape(x, tf.constant(new long[] {-1, sampleShape.size()}));
    for (int i = 0; i < dense.size(); i++) {
      h = dense.get(i).apply(tf, h, parameters);
      if (i < dense.size() - 1) {
        h = activation.apply(tf, h);
      }
    }
    if (energyScale != 1) {
      h = tf.math.mul(h, tf.constant(h.type(), energyScale));
    }
    return tf.reshape(h, tf.constant(new long[] {-1}));
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return layers.stateUpdates(tf, parameters);
  }
}
