package dev.ebm.core.analytic;

/** Small dense linear algebra on {@code double[][]} for the analytic references. */
public final class Matrices {

  private Matrices() {}

  /**
   * The lower-triangular Cholesky factor {@code L} with {@code A = L Lᵀ} of a symmetric positive
   * definite matrix.
   *
   * @throws IllegalArgumentException if {@code a} is not symmetric positive definite
   */
  public static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * (Math.abs(a[i][j]) + 1)) {
          throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + ")");
        }
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (sum <= 0) {
            throw new IllegalArgumentException("matrix is not positive definite");
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }

  /** The inverse of a symmetric positive definite matrix, through its Cholesky factor. */
  public static double[][] inverseSpd(double[][] a) {
    int n = a.length;
    double[][] l = cholesky(a);
    double[][] inverse = new double[n][n];
    for (int col = 0; col < n; col++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = i == col ? 1 : 0;
        for (int k = 0; k < i; k++) {
          sum -= l[i][k] * y[k];
        }
        y[i] = sum / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double sum = y[i];
        for (int k = i + 1; k < n; k++) {
          sum -= l[k][i] * inverse[k][col];
        }
        inverse[i][col] = sum / l[i][i];
      }
    }
    return inverse;
  }

  /** {@code a b}. */
  public static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < m; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  /** {@code aᵀ}. */
  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** {@code ‖a − b‖_F / ‖b‖_F}. */
  public static double relativeFrobeniusError(double[][] a, double[][] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        diff += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
        norm += b[i][j] * b[i][j];
      }
    }
    return Math.sqrt(diff / norm);
  }

  /** A row-major {@code rows × cols} matrix from a flat array. */
  public static double[][] reshape(double[] flat, int rows, int cols) {
    if (flat.length != rows * cols) {
      throw new IllegalArgumentException(
          "cannot reshape " + flat.length + " values to " + rows + "×" + cols);
    }
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, m[i], 0, cols);
    }
    return m;
  }

  /**
   * The covariance matrix {@code (1/n) Σ (x − x̄)(x − x̄)ᵀ} of n points of dimension d, row-major.
   */
  public static double[][] covariance(double[] points, int d) {
    int n = points.length / d;
    double[] mean = mean(points, d);
    double[][] c = new double[d][d];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += (points[s * d + i] - mean[i]) * (points[s * d + j] - mean[j]);
        }
      }
    }
    for (double[] row : c) {
      for (int j = 0; j < d; j++) {
        row[j] /= n;
      }
    }
    return c;
  }

  /** The mean of n points of dimension d, row-major. */
  public static double[] mean(double[] points, int d) {
    int n = points.length / d;
    double[] mean = new double[d];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        mean[i] += points[s * d + i];
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= n;
    }
    return mean;
  }
}
