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
 * A 2-D convolution with bias on NHWC batches, {@code k×k} kernel, stride {@code s}, padding {@code
 * SAME} (output {@code ⌈H/s⌉}) or {@code VALID} (output {@code ⌊(H−k)/s⌋+1}); weights and bias from
 * {@code U(−1/√(in·k²), 1/√(in·k²))}, optionally spectrally normalised.
 */
public final class Conv2d implements Layer {

  /** How the input is padded. */
  public enum Padding {
    SAME,
    VALID
  }

  private final int kernelSize;
  private final int stride;
  private final Padding padding;
  private final Weights weights;

  /** A convolution named {@code name} from {@code inputs} to {@code outputs} channels. */
  public Conv2d(
      String name,
      int kernelSize,
      int inputs,
      int outputs,
      int stride,
      Padding padding,
      boolean spectralNorm) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.weights =
        new Weights(name, Shape.of(kernelSize, kernelSize, inputs, outputs), true, spectralNorm);
  }

  /** The spatial size of the output for an input of spatial size {@code size}. */
  public int outputSize(int size) {
    return padding == Padding.SAME
        ? (size + stride - 1) / stride
        : (size - kernelSize) / stride + 1;
  }

  @Override
  public List<ParameterSpec> parameterSpecs() {
    return weights.parameterSpecs();
  }

  @Override
  public <T extends TFloating> Operand<T> apply(
      Ops tf, Operand<T> input, Parameters<T> parameters) {
    Operand<T> convolved =
        tf.nn.conv2d(
            input,
            weights.kernel(tf, parameters),
            List.of(1L, (long) stride, (long) stride, 1L),
            padding.name());
    return weights.addBias(tf, convolved, parameters);
  }

  @Override
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return weights.stateUpdates(tf, parameters);
  }
}
