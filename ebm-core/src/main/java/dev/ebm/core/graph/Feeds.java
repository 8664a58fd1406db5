package dev.ebm.core.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;

/**
 * The tensors fed to placeholders for one {@link ModelGraph#run}; it owns them and closes them all
 * when closed.
 */
public final class Feeds implements AutoCloseable {

  private final Map<Operand<?>, Tensor> tensors = new LinkedHashMap<>();

  /** An empty set of feeds. */
  public static Feeds none() {
    return new Feeds();
  }

  /** Feeds {@code tensor} (now owned by this object) to {@code placeholder}. */
  public Feeds put(Operand<?> placeholder, Tensor tensor) {
    Tensor previous = tensors.put(placeholder, tensor);
    if (previous != null) {
      previous.close();
    }
    return this;
  }

  /** The placeholders and their tensors, in the order they were put. */
  public Map<Operand<?>, Tensor> asMap() {
    return tensors;
  }

  @Override
  public void close() {
    tensors.values().forEach(Tensor::close);
    tensors.clear();
  }
}
