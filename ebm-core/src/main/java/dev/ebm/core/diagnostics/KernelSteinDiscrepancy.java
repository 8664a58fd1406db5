package dev.ebm.core.diagnostics;

import java.util.Arrays;

/**
 * The kernel Stein discrepancy of samples {@code xᵢ} against a model's score {@code sᵢ = ∇ₓ log
 * p(xᵢ) = −∇ₓE(xᵢ)} (Liu, Lee &amp; Jordan 2016; Chwialkowski et al. 2016): the U-statistic
 *
 * <pre>
 *   KSD² = 1/(n(n−1)) Σ_{i≠j} u(xᵢ, xⱼ),
 *   u(x, y) = k(x, y) [ s(x)ᵀs(y) + (s(x) − s(y))ᵀ(x − y)/h² + d/h² − ‖x − y‖²/h⁴ ]
 * </pre>
 *
 * with the Gaussian kernel {@code k(x, y) = exp(−‖x − y‖²/(2h²))} and the bandwidth {@code h} the
 * median distance between samples. Its expectation is zero exactly when the samples come from
 * {@code p}; it needs only the score, not log Z.
 */
public final class KernelSteinDiscrepancy {

  private KernelSteinDiscrepancy() {}

  /**
   * KSD² (an unbiased estimate: it can be slightly negative when the samples come from the model).
   *
   * @param samples row-major {@code [n, d]}
   * @param scores the model's score at each sample, {@code [n, d]}
   */
  public static double squared(double[] samples, double[] scores, int d) {
    if (samples.length != scores.length || samples.length % d != 0) {
      throw new IllegalArgumentException(
          "samples and scores must both be [n, "
              + d
              + "], got "
              + samples.length
              + " and "
              + scores.length
              + " values");
    }
    int n = samples.length / d;
    if (n < 2) {
      throw new IllegalArgumentException("the kernel Stein discrepancy needs at least 2 samples");
    }
    double h2 = medianSquaredDistance(samples, n, d);
    if (!(h2 > 0)) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double r2 = 0;
        double scoreDot = 0;
        double scoreDifferenceDot = 0;
        for (int k = 0; k < d; k++) {
          double diff = samples[i * d + k] - samples[j * d + k];
          r2 += diff * diff;
          scoreDot += scores[i * d + k] * scores[j * d + k];
          scoreDifferenceDot += (scores[i * d + k] - scores[j * d + k]) * diff;
        }
        double kernel = Math.exp(-r2 / (2 * h2));
        sum += kernel * (scoreDot + scoreDifferenceDot / h2 + d / h2 - r2 / (h2 * h2));
      }
    }
    return 2 * sum / ((double) n * (n - 1));
  }

  /** The median of the squared distances between distinct samples (the bandwidth h²). */
  private static double medianSquaredDistance(double[] samples, int n, int d) {
    double[] distances = new double[n * (n - 1) / 2];
    int at = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double r2 = 0;
        for (int k = 0; k < d; k++) {
          double diff = samples[i * d + k] - samples[j * d + k];
          r2 += diff * diff;
        }
        distances[at++] = r2;
      }
    }
    Arrays.sort(distances);
    return distances[distances.length / 2];
  }
}
