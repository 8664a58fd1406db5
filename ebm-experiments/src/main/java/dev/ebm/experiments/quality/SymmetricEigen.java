package dev.ebm.experiments.quality;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations: each rotation
 * zeroes one off-diagonal pair, {@code A ← JᵀAJ}, and the product of the rotations accumulates the
 * eigenvectors, until the off-diagonal mass is below {@code 10⁻²⁴} of the total (or 100 sweeps).
 * Quadratically convergent and accurate for the small (≤ a few hundred) covariance matrices it is
 * used on.
 *
 * @param values the eigenvalues, in no particular order
 * @param vectors the eigenvectors as columns: {@code vectors[i][k]} is component i of vector k
 */
record SymmetricEigen(double[] values, double[][] vectors) {

  private static final int MAX_SWEEPS = 100;

  /**
   * Decomposes {@code matrix} (not modified).
   *
   * @throws IllegalArgumentException if it is not square and symmetric
   */
  static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException(
            "the matrix is not square: row "
                + i
                + " has "
                + matrix[i].length
                + " entries, not "
                + n);
      }
      a[i] = matrix[i].clone();
    }
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(a[i][j]));
        if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * Math.max(1, Math.abs(a[i][j]))) {
          throw new IllegalArgumentException(
              "the matrix is not symmetric at (" + i + ", " + j + ")");
        }
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = a[i][j] * a[i][j];
          total += s;
          if (i != j) {
            off += s;
          }
        }
      }
      if (off <= 1e-24 * total || scale == 0) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] != 0) {
            rotate(a, v, p, q);
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    return new SymmetricEigen(values, v);
  }

  /** The rotation in the (p, q) plane that zeroes {@code a[p][q]}. */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  /**
   * The symmetric square root {@code V·diag(√max(λ, 0))·Vᵀ} of the decomposed matrix (negative
   * eigenvalues, round-off of a positive semi-definite matrix, count as 0).
   */
  double[][] sqrt() {
    int n = values.length;
    double[][] out = new double[n][n];
    for (int k = 0; k < n; k++) {
      double root = Math.sqrt(Math.max(values[k], 0));
      for (int i = 0; i < n; i++) {
        double vik = vectors[i][k] * root;
        for (int j = 0; j < n; j++) {
          out[i][j] += vik * vectors[j][k];
        }
      }
    }
    return out;
  }
}
