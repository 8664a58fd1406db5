package dev.ebm.models.layers;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A fully connected layer {@code h ↦ h W + b} (or {@code h W} without bias) on inputs of shape
 * {@code [B, in]}, with weights and bias initialised from {@code U(−1/√in, 1/√in)} and optionally
 * spectrally normalised.
 */
public final class Dense implements Layer {

  private final Weights weights;

  /** A dense layer with bias named {@code name} from {@code inputs} to {@code outputs} features. */
  public Dense(String name, int inputs, int outputs, boolean spectralNorm) {
    this(name, inputs, outputs, true, spectralNorm);
  }

  private Dense(String name, int inputs, int outputs, boolean bias, boolean spectralNorm) {
    this.weights = new Weights(name, Shape.of(inputs, outputs), bias, spectralNorm);
  }

  /** A linear map {@code h ↦ h W} with no bias. */
  public static Dense withoutBias(String name, int inputs, int outputs, boolean spectralNorm) {
    return new Dense(name, inputs, outputs, false, spectralNorm);
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return weights.parameterSpecs();
  }

  @Override
  public <T extends TFloating> Operand<T> apply(
      Ops tf, Operand<T> input, Parameters<T> parameters) {
    return weights.addBias(tf, tf.linalg.matMul(input, weights.kernel(tf, parameters)), parameters);
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return weights.stateUpdates(tf, parameters);
  }
}
