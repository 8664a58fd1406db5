package dev.ebm.core.data;

import java.util.List;
import java.util.Optional;

/**
 * Summary statistics of the training data that some methods need when they build their graph: NCE
 * fits its noise distribution to them, samplers start chains inside the data range.
 *
 * @param mean the per-coordinate mean
 * @param variance the per-coordinate variance
 * @param covariance the full covariance, for data of at most {@link #MAX_COVARIANCE_DIMENSION}
 *     coordinates
 * @param min the smallest value of any coordinate
 * @param max the largest value of any coordinate
 * @param count the number of samples
 */
public record DataStatistics(
    double[] mean,
    double[] variance,
    Optional<double[][]> covariance,
    double min,
    double max,
    int count) {

  /** Above this dimension only the diagonal of the covariance is kept. */
  public static final int MAX_COVARIANCE_DIMENSION = 256;

  /** The statistics of a dataset. */
  public static DataStatistics of(Dataset data) {
    int d = data.sampleSize();
    int n = data.size();
    double[] mean = data.mean();
    double[] variance = new double[d];
    boolean full = d <= MAX_COVARIANCE_DIMENSION;
    double[][] cov = full ? new double[d][d] : null;
    float[] sample = new float[d];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double[] centred = new double[d];
    for (int s = 0; s < n; s++) {
      data.copySample(s, sample, 0);
      for (int i = 0; i < d; i++) {
        centred[i] = sample[i] - mean[i];
        variance[i] += centred[i] * centred[i];
        min = Math.min(min, sample[i]);
        max = Math.max(max, sample[i]);
      }
      if (full) {
        for (int i = 0; i < d; i++) {
          for (int j = 0; j <= i; j++) {
            cov[i][j] += centred[i] * centred[j];
          }
        }
      }
    }
    for (int i = 0; i < d; i++) {
      variance[i] /= n;
    }
    if (full) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          cov[i][j] /= n;
          cov[j][i] = cov[i][j];
        }
      }
    }
    return new DataStatistics(mean, variance, Optional.ofNullable(cov), min, max, n);
  }

  /**
   * The statistics of the union of several datasets of the same dimension, pooled exactly: the
   * count-weighted mean, the variance and covariance about it ({@code Σ nₖ(Cₖ + (μₖ − μ)(μₖ − μ)ᵀ)
   * / n}), the overall range. The covariance is kept if every part kept it.
   *
   * @throws IllegalArgumentException if there is no part or the dimensions differ
   */
  public static DataStatistics union(List<DataStatistics> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("the union of no datasets has no statistics");
    }
    int d = parts.get(0).dimension();
    long n = 0;
    double[] mean = new double[d];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (DataStatistics part : parts) {
      if (part.dimension() != d) {
        throw new IllegalArgumentException(
            "datasets of dimensions "
                + d
                + " and "
                + part.dimension()
                + " have no common statistics");
      }
      n += part.count();
      for (int i = 0; i < d; i++) {
        mean[i] += part.count() * part.mean()[i];
      }
      min = Math.min(min, part.min());
      max = Math.max(max, part.max());
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= n;
    }
    double[] variance = new double[d];
    boolean full = parts.stream().allMatch(p -> p.covariance().isPresent());
    double[][] cov = full ? new double[d][d] : null;
    for (DataStatistics part : parts) {
      double share = (double) part.count() / n;
      for (int i = 0; i < d; i++) {
        double shift = part.mean()[i] - mean[i];
        variance[i] += share * (part.variance()[i] + shift * shift);
        if (full) {
          for (int j = 0; j < d; j++) {
            cov[i][j] +=
                share * (part.covariance().get()[i][j] + shift * (part.mean()[j] - mean[j]));
          }
        }
      }
    }
    return new DataStatistics(
        mean, variance, Optional.ofNullable(cov), min, max, Math.toIntExact(n));
  }

  /** The number of coordinates. */
  public int dimension() {
    return mean.length;
  }

  /**
   * The root-mean-square standard deviation {@code s = √(Σᵢ Var xᵢ / d)}, the data's one scale; 1
   * for constant data. Settings that scale with it (Langevin steps, noise levels) are unchanged by
   * rescaling the data together with them.
   */
  public double rmsStandardDeviation() {
    double meanVariance = 0;
    for (double v : variance) {
      meanVariance += v / variance.length;
    }
    return meanVariance > 0 ? Math.sqrt(meanVariance) : 1;
  }

  /**
   * The root-mean-square distance between two independent data points, {@code √(E‖x − x′‖²) = √(2
   * tr Σ)}; 1 for constant data.
   */
  public double rmsPairDistance() {
    return Math.sqrt(2 * dimension()) * rmsStandardDeviation();
  }
}
