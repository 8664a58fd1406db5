package dev.ebm.core.data;

import java.util.Arrays;

/**
 * Points as rows ({@code double[n][d]}, each a sample flattened) and as one row-major array ({@code
 * [n·d]}), the two layouts the library's API and its graphs use.
 */
public final class Rows {

  private Rows() {}

  /**
   * The rows one after another.
   *
   * @throws IllegalArgumentException naming the first row that does not have {@code size} values
   */
  public static double[] flatten(double[][] rows, int size) {
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

  /** The rows one after another, all of the first row's length. */
  public static double[] flatten(double[][] rows) {
    return flatten(rows, rows.length == 0 ? 0 : rows[0].length);
  }

  /** {@code flat} cut into rows of {@code size} values. */
  public static double[][] of(double[] flat, int size) {
    double[][] rows = new double[flat.length / size][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    return rows;
  }
}
