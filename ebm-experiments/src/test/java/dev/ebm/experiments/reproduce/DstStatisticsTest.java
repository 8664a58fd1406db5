package dev.ebm.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The d_st diagnostic reads the second half of the series, leaves NaN pairs out, and gives the
 * mean, the standard deviation and the correlation with the gradient norm of known series.
 */
class DstStatisticsTest {

  @Test
  void secondHalfMeanSpreadAndCorrelationOfKnownSeries() {
    double[] dst = {100, 100, 100, 100, 1, -1, 1, -1, Double.NaN};
    double[] gradient = {0, 0, 0, 0, 3, 1, 3, 1, 7};
    DstStatistics s = DstStatistics.of(dst, gradient);
    assertEquals(0, s.mean(), 1e-12);
    assertEquals(1, s.std(), 1e-12);
    assertEquals(1, s.gradientCorrelation(), 1e-12);
    DstStatistics opposite = DstStatistics.of(dst, new double[] {0, 0, 0, 0, 1, 3, 1, 3, 0});
    assertEquals(-1, opposite.gradientCorrelation(), 1e-12);
  }
}
