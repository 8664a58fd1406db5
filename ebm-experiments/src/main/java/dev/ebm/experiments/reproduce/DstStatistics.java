package dev.ebm.experiments.reproduce;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nijkamp et al.'s diagnostic of maximum-likelihood learning, over the second half of a run's
 * logged steps: the energy difference {@code d_st = mean E(data) − mean E(samples)} — its mean and
 * standard deviation (at equilibrium it oscillates about 0) — and its Pearson correlation with the
 * samples' mean gradient norm {@code r_st}, which moves with it.
 *
 * @param mean the mean of d_st
 * @param std its standard deviation
 * @param gradientCorrelation its correlation with r_st (NaN with fewer than three pairs)
 */
record DstStatistics(double mean, double std, double gradientCorrelation) {

  /** The statistics of the second half of {@code dst} and {@code gradientNorm}, NaNs left out. */
  static DstStatistics of(double[] dst, double[] gradientNorm) {
    int from = dst.length / 2;
    double n = 0;
    double sumD = 0;
    double sumG = 0;
    for (int i = from; i < dst.length; i++) {
      if (Double.isFinite(dst[i]) && Double.isFinite(gradientNorm[i])) {
        n++;
        sumD += dst[i];
        sumG += gradientNorm[i];
      }
    }
    double meanD = sumD / n;
    double meanG = sumG / n;
    double dd = 0;
    double gg = 0;
    double dg = 0;
    for (int i = from; i < dst.length; i++) {
      if (Double.isFinite(dst[i]) && Double.isFinite(gradientNorm[i])) {
        dd += (dst[i] - meanD) * (dst[i] - meanD);
        gg += (gradientNorm[i] - meanG) * (gradientNorm[i] - meanG);
        dg += (dst[i] - meanD) * (gradientNorm[i] - meanG);
      }
    }
    double correlation = n >= 3 ? dg / Math.sqrt(dd * gg) : Double.NaN;
    return new DstStatistics(meanD, Math.sqrt(dd / n), correlation);
  }

  /** The values under the keys a reproduction's results use. */
  Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("dst_mean", mean);
    m.put("dst_std", std);
    m.put("dst_gradient_correlation", gradientCorrelation);
    return m;
  }
}
