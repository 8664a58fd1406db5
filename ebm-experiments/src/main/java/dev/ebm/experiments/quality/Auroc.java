package dev.ebm.experiments.quality;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should be higher for positives than for negatives:
 * the probability that a random positive scores above a random negative, ties counting one half
 * (the Mann–Whitney U statistic over {@code n₊·n₋}), computed exactly from the ranks of the pooled
 * scores with tied values sharing their mean rank. 0.5 is chance, 1 a perfect separation.
 */
public final class Auroc {

  private Auroc() {}

  /**
   * {@code P(positive > negative) + ½·P(positive = negative)}.
   *
   * @throws IllegalArgumentException if either set is empty or holds a NaN
   */
  public static double of(double[] positives, double[] negatives) {
    if (positives.length == 0 || negatives.length == 0) {
      throw new IllegalArgumentException(
          "AUROC needs positives and negatives, got "
              + positives.length
              + " and "
              + negatives.length);
    }
    int n = positives.length + negatives.length;
    double[][] pooled = new double[n][];
    for (int i = 0; i < positives.length; i++) {
      pooled[i] = new double[] {requireNumber(positives[i]), 1};
    }
    for (int i = 0; i < negatives.length; i++) {
      pooled[positives.length + i] = new double[] {requireNumber(negatives[i]), 0};
    }
    Arrays.sort(pooled, (a, b) -> Double.compare(a[0], b[0]));
    double positiveRankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && pooled[j + 1][0] == pooled[i][0]) {
        j++;
      }
      double meanRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        positiveRankSum += pooled[k][1] * meanRank;
      }
      i = j + 1;
    }
    double u = positiveRankSum - positives.length * (positives.length + 1) / 2.0;
    return u / ((double) positives.length * negatives.length);
  }

  private static double requireNumber(double x) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("a score is NaN");
    }
    return x;
  }
}
