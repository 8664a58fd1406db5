package dev.ebm.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Constant tensors of a model's floating-point type, from Java doubles. */
public final class Constants {

  private Constants() {}

  /** A constant of the given shape and type holding {@code values} in row-major order. */
  public static <T extends TFloating> Operand<T> of(
      Ops tf, Shape shape, double[] values, Class<T> type) {
    if (shape.size() != values.length) {
      throw new IllegalArgumentException(
          "shape " + shape + " needs " + shape.size() + " values, got " + values.length);
    }
    return tf.dtypes.cast(tf.constant(shape, DataBuffers.of(values, true, false)), type);
  }

  /** A vector constant. */
  public static <T extends TFloating> Operand<T> vector(Ops tf, double[] values, Class<T> type) {
    return of(tf, Shape.of(values.length), values, type);
  }

  /** A scalar constant. */
  public static <T extends TFloating> Operand<T> scalar(Ops tf, double value, Class<T> type) {
    return tf.constant(type, value);
  }
}
