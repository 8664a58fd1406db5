package dev.ebm.models.layers;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A building block of an energy network: it declares its parameters (names prefixed with the
 * layer's name) and maps a batch of activations to the next, reading parameter values from the
 * {@link Parameters} it is given, so the same layer serves live, averaged and frozen weights.
 */
public interface Layer {

  /** The parameters this layer reads, named {@code <layer name>/<parameter>}. */
  List<ParameterSpec> parameterSpecs();

  /** Applies the layer to a batch. */
  <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> input, Parameters<T> parameters);

  /** New values of this layer's state parameters after a training step; empty if it has none. */
  default <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    return Map.of();
  }
}
