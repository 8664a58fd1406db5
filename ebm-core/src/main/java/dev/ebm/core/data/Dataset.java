package dev.ebm.core.data;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;

/**
 * An in-memory dataset of {@code size()} samples of shape {@link #sampleShape()}, stored as one
 * row-major float array (float32, the precision data is fed to graphs in).
 */
public final class Dataset {

  private final float[] values;
  private final Shape sampleShape;
  private final int sampleSize;
  private final int size;

  private Dataset(float[] values, Shape sampleShape) {
    if (sampleShape.isUnknown() || sampleShape.hasUnknownDimension() || sampleShape.size() < 1) {
      throw new IllegalArgumentException(
          "a dataset needs a known, non-empty sample shape, got " + sampleShape);
    }
    if (sampleShape.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a sample of shape "
              + sampleShape
              + " holds more than 2³¹ values, too many for one array");
    }
    this.sampleSize = (int) sampleShape.size();
    if (values.length % sampleSize != 0) {
      throw new IllegalArgumentException(
          values.length + " values are not a whole number of samples of shape " + sampleShape);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("a dataset needs at least one sample");
    }
    this.values = values;
    this.sampleShape = sampleShape;
    this.size = values.length / sampleSize;
  }

  /** A dataset over {@code values} (not copied), one sample of {@code sampleShape} per row. */
  public static Dataset of(float[] values, Shape sampleShape) {
    return new Dataset(values, sampleShape);
  }

  /** A dataset of doubles, rounded to float. */
  public static Dataset of(double[] values, Shape sampleShape) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return new Dataset(floats, sampleShape);
  }

  /** The number of samples. */
  public int size() {
    return size;
  }

  /** The shape of one sample. */
  public Shape sampleShape() {
    return sampleShape;
  }

  /** The number of scalars in one sample. */
  public int sampleSize() {
    return sampleSize;
  }

  /** The shape of a batch of {@code n} samples: {@code [n] + sampleShape}. */
  public Shape batchShape(int n) {
    return Shape.of(n).append(sampleShape);
  }

  /** Copies sample {@code index} into {@code destination} at {@code offset}. */
  public void copySample(int index, float[] destination, int offset) {
    System.arraycopy(values, index * sampleSize, destination, offset, sampleSize);
  }

  /** The samples {@code [from, to)} as a new dataset (copied). */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size || from >= to) {
      throw new IllegalArgumentException(
          "slice [" + from + ", " + to + ") is outside the dataset of " + size + " samples");
    }
    return new Dataset(Arrays.copyOfRange(values, from * sampleSize, to * sampleSize), sampleShape);
  }

  /** All values as doubles, row-major. */
  public double[] toDoubles() {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** The samples as rows of doubles, {@code [size][sampleSize]}, each sample flattened. */
  public double[][] toRows() {
    double[][] rows = new double[size][sampleSize];
    for (int s = 0; s < size; s++) {
      for (int i = 0; i < sampleSize; i++) {
        rows[s][i] = values[s * sampleSize + i];
      }
    }
    return rows;
  }

  /** The per-coordinate mean of the samples. */
  public double[] mean() {
    double[] mean = new double[sampleSize];
    for (int s = 0; s < size; s++) {
      for (int i = 0; i < sampleSize; i++) {
        mean[i] += values[s * sampleSize + i];
      }
    }
    for (int i = 0; i < sampleSize; i++) {
      mean[i] /= size;
    }
    return mean;
  }

  /** The smallest and largest value over all samples and coordinates. */
  public double[] range() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {min, max};
  }
}
