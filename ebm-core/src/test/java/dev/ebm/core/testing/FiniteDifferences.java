package dev.ebm.core.testing;

import java.util.function.ToDoubleFunction;

/** Central finite differences and the error measures the gradient checks use. */
public final class FiniteDifferences {

  /** The step that balances truncation and round-off error for central differences in float64. */
  public static final double DEFAULT_STEP = 1e-5;

  private FiniteDifferences() {}

  /**
   * {@code (f(x + h e_i) − f(x − h e_i)) / 2h} for the given coordinates {@code i} of {@code x}.
   */
  public static double[] partialDerivatives(
      ToDoubleFunction<double[]> f, double[] x, int[] coordinates, double h) {
    double[] result = new double[coordinates.length];
    double[] probe = x.clone();
    for (int k = 0; k < coordinates.length; k++) {
      int i = coordinates[k];
      probe[i] = x[i] + h;
      double plus = f.applyAsDouble(probe);
      probe[i] = x[i] - h;
      double minus = f.applyAsDouble(probe);
      probe[i] = x[i];
      result[k] = (plus - minus) / (2 * h);
    }
    return result;
  }

  /** {@code ‖a − b‖ / max(‖b‖, floor)}: the relative error of {@code a} against {@code b}. */
  public static double relativeError(double[] a, double[] b, double floor) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), floor);
  }

  /** The elements of {@code values} at the given indices. */
  public static double[] select(double[] values, int[] indices) {
    double[] out = new double[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = values[indices[k]];
    }
    return out;
  }
}
