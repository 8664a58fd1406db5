package dev.ebm.core.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;

/**
 * Checks, when the graph is built, that an energy model's input is a batch of its samples, so that
 * a wrong shape fails with a message naming both shapes rather than deep inside TensorFlow.
 */
public final class InputShapes {

  private InputShapes() {}

  /**
   * Returns normally if {@code x} has shape {@code [B] + model.sampleShape()} (B may be unknown).
   *
   * @throws IllegalArgumentException naming the expected and the given shape otherwise
   */
  public static void requireBatchOf(EnergyModel model, Operand<?> x) {
    Shape expected = model.sampleShape();
    Shape given = x.shape();
    boolean matches = !given.isUnknown() && given.numDimensions() == expected.numDimensions() + 1;
    for (int i = 0; matches && i < expected.numDimensions(); i++) {
      long dim = given.get(i + 1);
      matches = dim == expected.get(i) || dim == Shape.UNKNOWN_SIZE;
    }
    if (!matches) {
      throw new IllegalArgumentException(
          model.name()
              + " expects inputs of shape "
              + describe(expected)
              + " (a batch of samples of shape "
              + expected
              + "), got "
              + given);
    }
  }

  /**
   * Returns normally if {@code sigma} holds one noise level per sample of {@code x}: shape {@code
   * [B]}.
   */
  public static void requirePerSampleNoise(EnergyModel model, Operand<?> x, Operand<?> sigma) {
    Shape shape = sigma.shape();
    boolean vector = !shape.isUnknown() && shape.numDimensions() == 1;
    long batch = x.shape().get(0);
    if (!vector
        || (shape.get(0) != Shape.UNKNOWN_SIZE
            && batch != Shape.UNKNOWN_SIZE
            && shape.get(0) != batch)) {
      throw new IllegalArgumentException(
          model.name()
              + " expects one noise level per sample, shape ["
              + (batch == Shape.UNKNOWN_SIZE ? "batch" : batch)
              + "], got "
              + shape);
    }
  }

  private static String describe(Shape sample) {
    StringBuilder s = new StringBuilder("[batch");
    for (int i = 0; i < sample.numDimensions(); i++) {
      s.append(", ").append(sample.get(i));
    }
    return s.append(']').toString();
  }
}
