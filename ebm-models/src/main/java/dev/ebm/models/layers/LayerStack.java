package dev.ebm.models.layers;

import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The layers of a network, collected so that their parameters and state updates are gathered once.
 */
public final class LayerStack {

  private final List<Layer> layers = new ArrayList<>();

  /** Adds a layer and returns it, so that construction reads as a declaration. */
  public <L extends Layer> L add(L layer) {
    layers.add(layer);
    return layer;
  }

  /** Every layer's parameters, in the order the layers were added. */
  public List<ParameterSpec> parameterSpecs() {
    List<ParameterSpec> specs = new ArrayList<>();
    layers.forEach(layer -> specs.addAll(layer.parameterSpecs()));
    return specs;
  }

  /** Every layer's state updates. */
  public <T extends TFloating> Map<String, Operand<T>> stateUpdates(
      Ops tf, Parameters<T> parameters) {
    Map<String, Operand<T>> updates = new LinkedHashMap<>();
    layers.forEach(layer -> updates.putAll(layer.stateUpdates(tf, parameters)));
    return updates;
  }
}
