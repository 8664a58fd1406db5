package dev.ebm.core.graph;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Copies between Java arrays and tensors. Every tensor this class creates belongs to the caller,
 * who must close it (try-with-resources, or a {@link Feeds} that closes what it holds).
 */
public final class TensorIO {

  private TensorIO() {}

  /**
   * A tensor of {@code type} and {@code shape} holding {@code values} in row-major order (rounded
   * to float32 where {@code type} is {@link TFloat32}).
   */
  public static <T extends TFloating> T tensor(Class<T> type, Shape shape, double[] values) {
    checkSize(shape, values.length);
    Tensor tensor;
    if (type == TFloat64.class) {
      tensor = TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
    } else if (type == TFloat32.class) {
      float[] floats = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        floats[i] = (float) values[i];
      }
      tensor = TFloat32.tensorOf(shape, DataBuffers.of(floats, true, false));
    } else {
      throw new IllegalArgumentException(
          "unsupported floating-point type " + type.getSimpleName() + "; use TFloat32 or TFloat64");
    }
    return type.cast(tensor);
  }

  /** A tensor of {@code type} and {@code shape} holding {@code values} (see above). */
  public static <T extends TFloating> T tensor(Class<T> type, Shape shape, float[] values) {
    checkSize(shape, values.length);
    if (type == TFloat32.class) {
      return type.cast(TFloat32.tensorOf(shape, DataBuffers.of(values, true, false)));
    }
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return tensor(type, shape, doubles);
  }

  /** A scalar of {@code type}. */
  public static <T extends TFloating> T scalar(Class<T> type, double value) {
    return tensor(type, Shape.scalar(), new double[] {value});
  }

  /** The elements of a floating-point, integer or boolean tensor as doubles, row-major. */
  public static double[] toDoubles(Tensor tensor) {
    int n = Math.toIntExact(tensor.shape().size());
    double[] out = new double[n];
    if (tensor instanceof TFloat64 t) {
      t.copyTo(DataBuffers.of(out, false, false));
    } else if (tensor instanceof TFloat32 t) {
      float[] floats = new float[n];
      t.copyTo(DataBuffers.of(floats, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = floats[i];
      }
    } else if (tensor instanceof TInt64 t) {
      long[] longs = new long[n];
      t.copyTo(DataBuffers.of(longs, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = longs[i];
      }
    } else if (tensor instanceof TInt32 t) {
      int[] ints = new int[n];
      t.copyTo(DataBuffers.of(ints, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = ints[i];
      }
    } else if (tensor instanceof TBool t) {
      boolean[] bools = new boolean[n];
      t.copyTo(DataBuffers.of(bools, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = bools[i] ? 1 : 0;
      }
    } else {
      throw new IllegalArgumentException(
          "cannot read a tensor of type " + tensor.dataType() + " as doubles");
    }
    return out;
  }

  /** The single element of a scalar (or one-element) tensor. */
  public static double toScalar(Tensor tensor) {
    if (tensor.shape().size() != 1) {
      throw new IllegalArgumentException("expected one element, got shape " + tensor.shape());
    }
    return toDoubles(tensor)[0];
  }

  private static void checkSize(Shape shape, int length) {
    if (shape.size() != length) {
      throw new IllegalArgumentException(
          "shape " + shape + " holds " + shape.size() + " values but " + length + " were given");
    }
  }
}
