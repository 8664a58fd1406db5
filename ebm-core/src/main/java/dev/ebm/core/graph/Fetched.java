package dev.ebm.core.graph;

import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/**
 * The tensors one {@link ModelGraph#run} fetched, in the order asked for; closing it closes them.
 */
public final class Fetched implements AutoCloseable {

  private final Result result;

  Fetched(Result result) {
    this.result = result;
  }

  /** The i-th fetched tensor (owned by this object). */
  public Tensor tensor(int i) {
    return result.get(i);
  }

  /** The i-th fetched tensor as doubles. */
  public double[] doubles(int i) {
    return TensorIO.toDoubles(result.get(i));
  }

  /** The i-th fetched tensor's single value. */
  public double scalar(int i) {
    return TensorIO.toScalar(result.get(i));
  }

  /** How many tensors were fetched. */
  public int size() {
    return result.size();
  }

  /** All fetched tensors as doubles. */
  public List<double[]> allDoubles() {
    return java.util.stream.IntStream.range(0, size()).mapToObj(this::doubles).toList();
  }

  @Override
  public void close() {
    result.close();
  }
}
