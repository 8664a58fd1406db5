package dev.ebm.core.data;

import java.util.Optional;
import org.tensorflow.ndarray.Shape;

/**
 * The affine map of a dataset to zero mean and a chosen scale {@code k} (1 unless a model asks for
 * another, {@link dev.ebm.core.model.EnergyModel#standardizedScale()}), {@code x' = (x − μ) / s}
 * with {@code s = σ/k} for the data's standard deviation σ: per coordinate for flat samples, one
 * {@code μ, σ} over all values for images (whose border pixels may not vary). A model trained on
 * {@code x'} has, in the data's own units, {@code E(x) = E'((x − μ)/s)} and {@code log Z = log Z' +
 * Σᵢ log sᵢ} (the Jacobian of the map).
 *
 * @param mean μ, one per coordinate
 * @param scale s, one per coordinate (positive)
 */
public record Standardization(double[] mean, double[] scale) {

  public Standardization {
    if (mean.length != scale.length || mean.length == 0) {
      throw new IllegalArgumentException("one mean and one scale per coordinate are needed");
    }
    for (double s : scale) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("scales must be positive and finite, got " + s);
      }
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /**
   * How far from unit scale (a factor) data may lie and still be trained as it is by default: the
   * scale the fitted defaults were tuned at, and at which the models learned better unstandardised
   * (see {@link #farFromUnitScale}).
   */
  public static final double FAR = 10;

  /**
   * Whether vectors of these statistics lie far from the unit scale the defaults were tuned at: a
   * coordinate's mean beyond ±{@value #FAR}, a standard deviation above {@value #FAR} or below
   * 1/{@value #FAR}, or two that differ more than {@value #FAR}-fold (constant coordinates aside).
   * Such data trains standardised by default; data near unit scale trains as it is, where the
   * defaults-check measured the models learning better (on three modes of scale 3: grid KL 0.012
   * raw, 0.083 standardised, for dsm).
   */
  public static boolean farFromUnitScale(DataStatistics data) {
    double largestMean = 0;
    double largestStd = 0;
    double smallestStd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < data.dimension(); i++) {
      largestMean = Math.max(largestMean, Math.abs(data.mean()[i]));
      double std = Math.sqrt(data.variance()[i]);
      if (std > 0) {
        largestStd = Math.max(largestStd, std);
        smallestStd = Math.min(smallestStd, std);
      }
    }
    if (largestStd == 0) {
      return largestMean > FAR;
    }
    return largestMean > FAR
        || largestStd > FAR
        || smallestStd < 1 / FAR
        || largestStd / smallestStd > FAR;
  }

  /**
   * The standardisation of {@code data} to unit scale: per coordinate for flat samples, global for
   * images.
   */
  public static Standardization of(Dataset data) {
    return of(DataStatistics.of(data), data.sampleShape());
  }

  /**
   * The standardisation to unit scale of data of these statistics and samples of {@code
   * sampleShape}: per coordinate for flat samples, global for images.
   */
  public static Standardization of(DataStatistics stats, Shape sampleShape) {
    return of(stats, sampleShape, 1);
  }

  /**
   * The standardisation of data of these statistics and samples of {@code sampleShape} to standard
   * deviation {@code targetScale}: per coordinate for flat samples, global for images.
   */
  public static Standardization of(DataStatistics stats, Shape sampleShape, double targetScale) {
    if (!(targetScale > 0) || Double.isInfinite(targetScale)) {
      throw new IllegalArgumentException(
          "the standardised scale must be positive and finite, got " + targetScale);
    }
    int d = stats.dimension();
    double[] mean = new double[d];
    double[] scale = new double[d];
    boolean flat = sampleShape.numDimensions() == 1;
    double globalMean = 0;
    double globalVariance = 0;
    for (int i = 0; i < d; i++) {
      globalMean += stats.mean()[i] / d;
    }
    for (int i = 0; i < d; i++) {
      double shift = stats.mean()[i] - globalMean;
      globalVariance += (stats.variance()[i] + shift * shift) / d;
    }
    for (int i = 0; i < d; i++) {
      mean[i] = flat ? stats.mean()[i] : globalMean;
      double variance = flat ? stats.variance()[i] : globalVariance;
      scale[i] = variance > 0 ? Math.sqrt(variance) / targetScale : 1;
    }
    return new Standardization(mean, scale);
  }

  /** {@code data} mapped to {@code x' = (x − μ)/s}. */
  public Dataset apply(Dataset data) {
    double[] values = data.toDoubles();
    int d = mean.length;
    for (int k = 0; k < values.length; k++) {
      values[k] = (values[k] - mean[k % d]) / scale[k % d];
    }
    return Dataset.of(values, data.sampleShape());
  }

  /** {@code Σᵢ log sᵢ}: what {@code log Z} gains back in the data's units. */
  public double logScale() {
    double sum = 0;
    for (double s : scale) {
      sum += Math.log(s);
    }
    return sum;
  }

  /**
   * The statistics of the data once mapped, from the data's own: means {@code (μ − m)/s}, variances
   * and covariances {@code Cᵢⱼ/(sᵢsⱼ)}, and as the range the smallest box holding what the data's
   * range maps to in any coordinate ({@link #rangeOf}).
   */
  public DataStatistics apply(DataStatistics data) {
    int d = mean.length;
    double[] m = new double[d];
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      m[i] = (data.mean()[i] - mean[i]) / scale[i];
      v[i] = data.variance()[i] / (scale[i] * scale[i]);
    }
    Optional<double[][]> covariance =
        data.covariance()
            .map(
                c -> {
                  double[][] out = new double[d][d];
                  for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                      out[i][j] = c[i][j] / (scale[i] * scale[j]);
                    }
                  }
                  return out;
                });
    double[] range = rangeOf(data.min(), data.max());
    return new DataStatistics(m, v, covariance, range[0], range[1], data.count());
  }

  /**
   * The smallest {@code [a, b]} holding the image of {@code [low, high]} in every coordinate:
   * {@code a = minᵢ (low − mᵢ)/sᵢ}, {@code b = maxᵢ (high − mᵢ)/sᵢ}.
   */
  public double[] rangeOf(double low, double high) {
    double a = Double.POSITIVE_INFINITY;
    double b = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < mean.length; i++) {
      a = Math.min(a, (low - mean[i]) / scale[i]);
      b = Math.max(b, (high - mean[i]) / scale[i]);
    }
    return new double[] {a, b};
  }

  /** Standardised states, row-major, mapped back to the data's units: {@code x = m + s·z}. */
  public double[] toData(double[] standardized) {
    int d = mean.length;
    double[] x = new double[standardized.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = mean[k % d] + scale[k % d] * standardized[k];
    }
    return x;
  }
}
