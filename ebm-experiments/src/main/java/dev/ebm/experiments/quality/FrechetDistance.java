package dev.ebm.experiments.quality;

import dev.ebm.core.analytic.Matrices;

/**
 * The Fréchet distance between the Gaussians fitted to two sets of feature vectors (Heusel et al.
 * 2017, the distance behind FID): {@code d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr (Σ₁^½ Σ₂ Σ₁^½)^½},
 * the squared 2-Wasserstein distance between {@code N(μ₁, Σ₁)} and {@code N(μ₂, Σ₂)}. The trace of
 * the matrix square root is the sum of the square roots of the eigenvalues of the symmetric {@code
 * Σ₁^½ Σ₂ Σ₁^½}.
 */
public final class FrechetDistance {

  private FrechetDistance() {}

  /**
   * The squared distance between the feature sets {@code a} and {@code b}, each row-major with
   * {@code d} features per row.
   *
   * @throws IllegalArgumentException if a set has fewer than two rows or a ragged length
   */
  public static double squared(double[] a, double[] b, int d) {
    requireRows(a, d, "first");
    requireRows(b, d, "second");
    double[] meanA = Matrices.mean(a, d);
    double[] meanB = Matrices.mean(b, d);
    double[][] covA = Matrices.covariance(a, d);
    double[][] covB = Matrices.covariance(b, d);
    double meanTerm = 0;
    double traces = 0;
    for (int i = 0; i < d; i++) {
      meanTerm += (meanA[i] - meanB[i]) * (meanA[i] - meanB[i]);
      traces += covA[i][i] + covB[i][i];
    }
    double[][] rootA = SymmetricEigen.of(covA).sqrt();
    double[][] middle = Matrices.multiply(Matrices.multiply(rootA, covB), rootA);
    symmetrize(middle);
    double crossTrace = 0;
    for (double lambda : SymmetricEigen.of(middle).values()) {
      crossTrace += Math.sqrt(Math.max(lambda, 0));
    }
    return Math.max(0, meanTerm + traces - 2 * crossTrace);
  }

  private static void symmetrize(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = i + 1; j < m.length; j++) {
        double mean = (m[i][j] + m[j][i]) / 2;
        m[i][j] = mean;
        m[j][i] = mean;
      }
    }
  }

  private static void requireRows(double[] x, int d, String which) {
    if (d < 1 || x.length % d != 0 || x.length / d < 2) {
      throw new IllegalArgumentException(
          "the "
              + which
              + " feature set needs at least two rows of "
              + d
              + " features, got "
              + x.length
              + " values");
    }
  }
}
