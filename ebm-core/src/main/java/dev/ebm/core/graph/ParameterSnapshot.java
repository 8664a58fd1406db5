package dev.ebm.core.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.family.TFloating;

/**
 * The values of a model's parameters copied out of a graph into Java arrays: what an export or a
 * composite model rebuilds a model from in another graph.
 *
 * @param values each parameter's values, row-major, in declaration order
 * @param shapes each parameter's shape
 */
public record ParameterSnapshot(Map<String, double[]> values, Map<String, Shape> shapes) {

  public ParameterSnapshot {
    values = new LinkedHashMap<>(values);
    shapes = new LinkedHashMap<>(shapes);
  }

  /** Reads every parameter's current value in one run of {@code graph}. */
  public static <T extends TFloating> ParameterSnapshot read(
      ModelGraph<T> graph, Parameters<T> parameters) {
    List<Operand<?>> fetches = new ArrayList<>(parameters.values());
    Map<String, double[]> values = new LinkedHashMap<>();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    try (Feeds none = Feeds.none();
        Fetched fetched = graph.run(none, fetches, List.of())) {
      for (int i = 0; i < parameters.size(); i++) {
        String name = parameters.names().get(i);
        values.put(name, fetched.doubles(i));
        shapes.put(name, fetched.tensor(i).shape());
      }
    }
    return new ParameterSnapshot(values, shapes);
  }

  /**
   * The given specs with their initialisers replaced by these values: building variables from them
   * recreates the snapshot in another graph.
   *
   * @throws IllegalArgumentException if a spec has no value or a value has the wrong shape
   */
  public List<ParameterSpec> asSpecs(List<ParameterSpec> specs) {
    List<ParameterSpec> out = new ArrayList<>();
    for (ParameterSpec spec : specs) {
      double[] v = values.get(spec.name());
      if (v == null) {
        throw new IllegalArgumentException(
            "no value for parameter '" + spec.name() + "'; the snapshot holds " + values.keySet());
      }
      if (!spec.shape().equals(shapes.get(spec.name()))) {
        throw new IllegalArgumentException(
            "parameter '"
                + spec.name()
                + "' has shape "
                + spec.shape()
                + " but the snapshot holds "
                + shapes.get(spec.name()));
      }
      out.add(new ParameterSpec(spec.name(), spec.shape(), Initializer.values(v), spec.role()));
    }
    return out;
  }
}
