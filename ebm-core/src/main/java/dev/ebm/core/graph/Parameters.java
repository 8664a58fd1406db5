package dev.ebm.core.graph;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The values of a model's parameters inside one graph (or while-loop body): an ordered map from
 * parameter name to operand. Graph-building code receives parameters explicitly instead of finding
 * variables in the graph, so the same energy can be evaluated with the live variables, their
 * exponential moving average, stop-gradient copies, or loop-carried values.
 *
 * @param <T> the floating-point type of every value
 */
public final class Parameters<T extends TFloating> {

  private final ImmutableMap<String, Operand<T>> values;

  private Parameters(Map<String, Operand<T>> values) {
    this.values = ImmutableMap.copyOf(values);
  }

  /** Parameters with the given names and values, in that order. */
  public static <T extends TFloating> Parameters<T> of(
      List<String> names, List<Operand<T>> values) {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException(
          names.size() + " parameter names but " + values.size() + " values");
    }
    Map<String, Operand<T>> map = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (map.put(names.get(i), values.get(i)) != null) {
        throw new IllegalArgumentException("parameter '" + names.get(i) + "' given twice");
      }
    }
    return new Parameters<>(map);
  }

  /** Parameters from an ordered map. */
  public static <T extends TFloating> Parameters<T> of(Map<String, Operand<T>> values) {
    return new Parameters<>(values);
  }

  /**
   * The value of the named parameter.
   *
   * @throws IllegalArgumentException naming the available parameters, if there is none by that name
   */
  public Operand<T> get(String name) {
    Operand<T> value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "no parameter '" + name + "'; available: " + String.join(", ", values.keySet()));
    }
    return value;
  }

  /** Whether a parameter of that name is present. */
  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /** The parameter names, in declaration order. */
  public List<String> names() {
    return values.keySet().asList();
  }

  /** The parameter values, in declaration order. */
  public List<Operand<T>> values() {
    return values.values().asList();
  }

  /** The number of parameters. */
  public int size() {
    return values.size();
  }

  /**
   * The parameters whose names start with {@code prefix/}, with that prefix removed: what a
   * composite model hands to the sub-model whose specs it declared under that prefix.
   */
  public Parameters<T> scoped(String prefix) {
    String head = prefix + "/";
    Map<String, Operand<T>> sub = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (name.startsWith(head)) {
            sub.put(name.substring(head.length()), value);
          }
        });
    if (sub.isEmpty()) {
      throw new IllegalArgumentException(
          "no parameters under '" + prefix + "/'; available: " + String.join(", ", names()));
    }
    return new Parameters<>(sub);
  }

  /** The same names with every value transformed (e.g. by {@code tf::stopGradient}). */
  public Parameters<T> map(UnaryOperator<Operand<T>> transform) {
    Map<String, Operand<T>> mapped = new LinkedHashMap<>();
    values.forEach((name, value) -> mapped.put(name, transform.apply(value)));
    return new Parameters<>(mapped);
  }

  /** These parameters with some values replaced by others of the same names. */
  public Parameters<T> with(Parameters<T> replacements) {
    Map<String, Operand<T>> merged = new LinkedHashMap<>(values);
    for (String name : replacements.names()) {
      if (!merged.containsKey(name)) {
        throw new IllegalArgumentException(
            "cannot replace unknown parameter '"
                + name
                + "'; available: "
                + String.join(", ", names()));
      }
      merged.put(name, replacements.get(name));
    }
    return new Parameters<>(merged);
  }

  /** The values of the named parameters, in the order given. */
  public List<Operand<T>> select(List<String> names) {
    List<Operand<T>> selected = new ArrayList<>(names.size());
    for (String name : names) {
      selected.add(get(name));
    }
    return selected;
  }
}
