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
 * A 2-D convolution with bias on NHWC batches, {@code k×k} kernel, stride {@code s}, padding
 * {@code SAME} (output {@code ⌈H/s⌉}) or {@code VALID} (output {@code ⌊(H−k)/s⌋+1}); weights and
 * bias from {@code U(−1/√(in·k²), 1/√(in·k²))}, optionally spectrally normalised.
 */
public final class Conv2d implements Layer {

  /** How the input is padded. */
  public enum Padding {
    SAME,
    VALID
  }

  private final String name;
  private final int kernelSize;
  private final int inputs;
  private final int outputs;
  private final int stride;
  private final Padding padding;
  private final SpectralNorm spectralNorm;

  /** A convolution named {@code name} from {@code inputs} to {@code outputs} channels. */
  public Conv2d(
      String name, int kernelSize, int inputs, int outputs, int stride, Padding padding, boolean spectralNorm) {
    this.name = name;
    this.kernelSize = kernelSize;
    this.inputs = inputs;
    this.outputs = outputs;
    this.stride = stride;
    this.padding = padding;
    this.spectralNorm = spectralNorm ? new SpectralNorm(name, outputs) : null;
  }

  /** The spatial size of the output for an input of spatial size {@code size}. */
  public int outputSize(int size) {
    return padding == Padding.SAME ? (size + stride - 1) / stride : (size - kernelSize) / stride + 1;
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    Initializer init = Initializer.fanInUniform((long) inputs * kernelSize * kernelSize);
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(
        ParameterSpec.trainable(
            name + "/kernel", Shape.of(kernelSize, kernelSize, inputs, outputs), init));
    specs.add(ParameterSpec.trainable(name + "/bias", Shape.of(outputs), init));
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
    Operand<T> convolved =
        tf.nn.conv2d(input, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding.name());
    return tf.nn.biasAdd(convolved, parameters.get(name + "/bias"));
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(Ops tf, Parameters<T> parameters) {
    return spectralNorm == null
        ? Map.of()
        : Map.of(spectralNorm.stateName(), spectralNorm.updatedState(tf, parameters.get(name + "/kernel"), parameters));
  }
}
