package dev.ebm.core.graph;

import org.tensorflow.ndarray.Shape;

/**
 * The fan-in and fan-out of a weight tensor, as variance-scaling initialisers use them: a dense
 * kernel {@code [in, out]} has fan-in {@code in}; a convolution kernel {@code [kh, kw, in, out]}
 * has fan-in {@code kh·kw·in} and fan-out {@code kh·kw·out}; a vector has both equal to its length.
 *
 * @param in the number of inputs that feed one output unit
 * @param out the number of outputs that one input unit feeds
 */
public record Fans(long in, long out) {

  /** The fans of a weight of the given shape. */
  public static Fans of(Shape shape) {
    int rank = shape.numDimensions();
    if (rank == 0) {
      return new Fans(1, 1);
    }
    if (rank == 1) {
      return new Fans(shape.get(0), shape.get(0));
    }
    long receptiveField = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptiveField *= shape.get(i);
    }
    return new Fans(receptiveField * shape.get(rank - 2), receptiveField * shape.get(rank - 1));
  }
}
