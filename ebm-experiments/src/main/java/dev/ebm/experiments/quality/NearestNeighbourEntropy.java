package dev.ebm.experiments.quality;

import java.util.Arrays;

/**
 * The Kozachenko–Leonenko estimate of the differential entropy of a sample, in nats, from each
 * point's distance to its k-th nearest other point (Kozachenko &amp; Leonenko 1987; Kraskov,
 * Stögbauer &amp; Grassberger 2004, eq. 20): {@code Ĥ = ψ(n) − ψ(k) + log V_d + (d/n)·Σᵢ log εᵢ},
 * with {@code εᵢ} the Euclidean distance from point i to its k-th nearest neighbour and {@code V_d
 * = π^{d/2} / Γ(d/2 + 1)} the volume of the unit ball in d dimensions. It is consistent for any
 * density; as a measure of a sampler's diversity, higher means more spread out, and only estimates
 * at the same n and d compare (its bias depends on both). Duplicate points give {@code −∞}: a
 * sample that repeats itself has no spread.
 */
public final class NearestNeighbourEntropy {

  private static final double EULER_GAMMA = 0.5772156649015329;

  private NearestNeighbourEntropy() {}

  /**
   * The estimate for {@code points}, row-major with {@code d} coordinates per point.
   *
   * @throws IllegalArgumentException if k is below 1, there are not more than k points, or the
   *     length is not a multiple of d
   */
  public static double estimate(double[] points, int d, int k) {
    if (d < 1 || points.length % d != 0) {
      throw new IllegalArgumentException(
          "points must hold whole rows of d = " + d + " coordinates; got " + points.length);
    }
    int n = points.length / d;
    if (k < 1 || n <= k) {
      throw new IllegalArgumentException(
          "the estimate needs 1 <= k < n (points), got k = " + k + " and n = " + n);
    }
    double sumLogDistance = 0;
    for (int i = 0; i < n; i++) {
      sumLogDistance += 0.5 * Math.log(kthNearestSquaredDistance(points, d, n, i, k));
    }
    return digamma(n) - digamma(k) + logUnitBallVolume(d) + d * sumLogDistance / n;
  }

  /** The squared distance from point i to its k-th nearest other point. */
  private static double kthNearestSquaredDistance(double[] points, int d, int n, int i, int k) {
    // The k smallest so far, ascending; k is small, so insertion beats a heap.
    double[] nearest = new double[k];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int j = 0; j < n; j++) {
      if (j == i) {
        continue;
      }
      double squared = 0;
      for (int c = 0; c < d && squared < nearest[k - 1]; c++) {
        double difference = points[i * d + c] - points[j * d + c];
        squared += difference * difference;
      }
      if (squared < nearest[k - 1]) {
        int at = k - 1;
        while (at > 0 && nearest[at - 1] > squared) {
          nearest[at] = nearest[at - 1];
          at--;
        }
        nearest[at] = squared;
      }
    }
    return nearest[k - 1];
  }

  /** ψ(m) for a positive integer m: {@code −γ + Σ_{j<m} 1/j}. */
  static double digamma(int m) {
    double sum = -EULER_GAMMA;
    for (int j = 1; j < m; j++) {
      sum += 1.0 / j;
    }
    return sum;
  }

  /**
   * {@code log V_d = (d/2)·log π − log Γ(d/2 + 1)}, with {@code Γ} of a multiple of ½ computed
   * exactly by {@code Γ(x + 1) = x·Γ(x)} down from {@code Γ(1) = 1} or {@code Γ(½) = √π}.
   */
  static double logUnitBallVolume(int d) {
    double logGamma = d % 2 == 0 ? 0 : 0.5 * Math.log(Math.PI);
    for (double x = d % 2 == 0 ? 1 : 0.5; x < d / 2.0 + 1; x++) {
      logGamma += Math.log(x);
    }
    return 0.5 * d * Math.log(Math.PI) - logGamma;
  }
}
