package dev.ebm.core.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The squared maximum mean discrepancy between two samples (Gretton et al. 2012), the unbiased
 * estimate with a Gaussian kernel {@code k(x, y) = exp(−‖x − y‖² / 2h²)}:
 *
 * <pre>
 *   MMD² = 1/(m(m−1)) Σ_{i≠j} k(xᵢ, xⱼ) + 1/(n(n−1)) Σ_{i≠j} k(yᵢ, yⱼ) − 2/(mn) Σ_{i,j} k(xᵢ, yⱼ)
 * </pre>
 *
 * with the bandwidth {@code h} the median distance between points of the pooled sample (the median
 * heuristic). Each sample is first thinned to at most {@value #MAX_POINTS} points, chosen with a
 * fixed seed, so that the cost stays {@code O(MAX_POINTS²·d)}.
 *
 * @param squared the MMD² estimate (can be slightly negative when the samples agree)
 * @param bandwidth the kernel bandwidth h used
 */
public record MaximumMeanDiscrepancy(double squared, double bandwidth) {

  /** The most points of each sample used. */
  public static final int MAX_POINTS = 2000;

  /** MMD² between {@code x} and {@code y}, row-major points of {@code d} values. */
  public static MaximumMeanDiscrepancy between(double[] x, double[] y, int d) {
    double[][] a = thinned(x, d);
    double[][] b = thinned(y, d);
    if (a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException("MMD needs at least two points in each sample");
    }
    double h = medianDistance(a, b);
    double gamma = 1 / (2 * h * h);
    double xx = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        xx += 2 * Math.exp(-gamma * squaredDistance(a[i], a[j]));
      }
    }
    double yy = 0;
    for (int i = 0; i < b.length; i++) {
      for (int j = i + 1; j < b.length; j++) {
        yy += 2 * Math.exp(-gamma * squaredDistance(b[i], b[j]));
      }
    }
    double xy = 0;
    for (double[] p : a) {
      for (double[] q : b) {
        xy += Math.exp(-gamma * squaredDistance(p, q));
      }
    }
    int m = a.length;
    int n = b.length;
    double mmd = xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double) m * n);
    return new MaximumMeanDiscrepancy(mmd, h);
  }

  private static double[][] thinned(double[] values, int d) {
    int n = values.length / d;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(0);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int kept = Math.min(n, MAX_POINTS);
    double[][] points = new double[kept][];
    for (int k = 0; k < kept; k++) {
      points[k] = Arrays.copyOfRange(values, order[k] * d, order[k] * d + d);
    }
    return points;
  }

  /** The median distance between pairs of the pooled points (from at most 500 of them). */
  private static double medianDistance(double[][] a, double[][] b) {
    int take = Math.min(250, Math.min(a.length, b.length));
    double[][] pooled = new double[2 * take][];
    System.arraycopy(a, 0, pooled, 0, take);
    System.arraycopy(b, 0, pooled, take, take);
    double[] distances = new double[pooled.length * (pooled.length - 1) / 2];
    int k = 0;
    for (int i = 0; i < pooled.length; i++) {
      for (int j = i + 1; j < pooled.length; j++) {
        distances[k++] = Math.sqrt(squaredDistance(pooled[i], pooled[j]));
      }
    }
    Arrays.sort(distances);
    double median = distances[distances.length / 2];
    return median > 0 ? median : 1;
  }

  private static double squaredDistance(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double t = p[i] - q[i];
      s += t * t;
    }
    return s;
  }
}
