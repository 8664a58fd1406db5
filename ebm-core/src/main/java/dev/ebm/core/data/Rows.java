package dev.ebm.api;

/** Conversions between points as rows ({@code double[n][d]}) and row-major flat arrays. */
final class Points {

  private Points() {}

  /**
   * The rows one after another.
   *
   * @throws IllegalArgumentException if the rows differ in length or there are none of {@code size}
   *     values
   */
  static double[] flatten(double[][] rows, int size) {
    double[] flat = new double[rows.length * size];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != size) {
        throw new IllegalArgumentException(
            "point " + i + " has " + rows[i].length + " values; the energy takes " + size);
      }
      System.arraycopy(rows[i], 0, flat, i * size, size);
    }
    return flat;
  }

  /** The rows one after another, each of its own length (all equal). */
  static double[] flatten(double[][] rows) {
    return flatten(rows, rows.length == 0 ? 0 : rows[0].length);
  }

  /** {@code flat} cut into rows of {@code size} values. */
  static double[][] rows(double[] flat, int size) {
    double[][] rows = new double[flat.length / size][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    return rows;
  }
}
