package dev.ebm.models.layers;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.ArrayList;
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

  private final String name;
  private final int inputs;
  private final int outputs;
  private final boolean bias;
  private final SpectralNorm spectralNorm;

  /** A dense layer with bias named {@code name} from {@code inputs} to {@code outputs} features. */
  public Dense(String name, int inputs, int outputs, boolean spectralNorm) {
    this(name, inputs, outputs, true, spectralNorm);
  }

  private Dense(String name, int inputs, int outputs, boolean bias, boolean spectralNorm) {
    this.name = name;
    this.inputs = inputs;
    this.outputs = outputs;
    this.bias = bias;
    this.spectralNorm = spectralNorm ? new SpectralNorm(name, outputs) : null;
  }

  /** A linear map {@code h ↦ h W} with no bias. */
  public static Dense withoutBias(String name, int inputs, int outputs, boolean spectralNorm) {
    return new Dense(name, inputs, outputs, false, spectralNorm);
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    Initializer init = Initializer.fanInUniform(inputs);
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(ParameterSpec.trainable(name + "/kernel", Shape.of(inputs, outputs), init));
    if (bias) {
      specs.add(ParameterSpec.trainable(name + "/bias", Shape.of(outputs), init));
    }
    if (spectralNorm != null) {
      specs.add(spectralNorm.stateSpec());
    }
    return specs;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> input, Parameters<T> parameters) {
    Operand<T> kernel = parameters.get(name + "/kernel");
    if (spectralNorm != null) {
      kernel = spectralNorm.normalize(tf, kernel, parameters);
    }
    Operand<T> product = tf.linalg.matMul(input, kernel);
    return bias ? tf.nn.biasAdd(product, parameters.get(name + "/bias")) : product;
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(Ops tf, Parameters<T> parameters) {
    return spectralNorm == null
        ? Map.of()
        : Map.of(spectralNorm.stateName(), spectralNorm.updatedState(tf, parameters.get(name + "/kernel"), parameters));
  }
}
