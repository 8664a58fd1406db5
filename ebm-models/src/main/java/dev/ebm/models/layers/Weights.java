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
 * The kernel and optional bias of a linear layer (dense or convolution), initialised from {@code
 * U(−1/√fan_in, 1/√fan_in)}, with the kernel optionally spectrally normalised; the last axis of the
 * kernel is the output axis.
 */
final class Weights {

  private final String layer;
  private final Shape kernelShape;
  private final long fanIn;
  private final boolean bias;
  private final SpectralNorm spectralNorm;

  Weights(String layer, Shape kernelShape, boolean bias, boolean spectralNorm) {
    long outputs = kernelShape.get(kernelShape.numDimensions() - 1);
    this.layer = layer;
    this.kernelShape = kernelShape;
    this.fanIn = kernelShape.size() / outputs;
    this.bias = bias;
    this.spectralNorm = spectralNorm ? new SpectralNorm(layer, outputs) : null;
  }

  List<ParameterSpec> parameterSpecs() {
    Initializer init = Initializer.fanInUniform(fanIn);
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(ParameterSpec.trainable(layer + "/kernel", kernelShape, init));
    if (bias) {
      specs.add(
          ParameterSpec.trainable(
              layer + "/bias", Shape.of(kernelShape.get(kernelShape.numDimensions() - 1)), init));
    }
    if (spectralNorm != null) {
      specs.add(spectralNorm.stateSpec());
    }
    return specs;
  }

  /** The kernel, divided by its spectral norm estimate when normalised. */
  <T extends TFloating> Operand<T> kernel(Ops tf, Parameters<T> parameters) {
    Operand<T> kernel = parameters.get(layer + "/kernel");
    return spectralNorm == null ? kernel : spectralNorm.normalize(tf, kernel, parameters);
  }

  /** {@code z + b} over the last axis, or {@code z} without bias. */
  <T extends TFloating> Operand<T> addBias(Ops tf, Operand<T> z, Parameters<T> parameters) {
    return bias ? tf.nn.biasAdd(z, parameters.get(layer + "/bias")) : z;
  }

  /** The spectral-norm power-iteration update, if normalised. */
  <T extends TFloating> Map<String, Operand<T>> stateUpdates(Ops tf, Parameters<T> parameters) {
    return spectralNorm == null
        ? Map.of()
        : Map.of(
            spectralNorm.stateName(),
            spectralNorm.updatedState(tf, parameters.get(layer + "/kernel"), parameters));
  }
}
