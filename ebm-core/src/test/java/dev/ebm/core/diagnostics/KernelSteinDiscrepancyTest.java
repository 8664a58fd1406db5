package dev.ebm.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KSD² of N(0, I₂)'s score is near zero for exact samples and clearly positive for samples of a
 * shifted or a narrower Gaussian.
 */
class KernelSteinDiscrepancyTest {

  private static final int N = 1000;
  private static final int D = 2;

  private static double ksdAgainstStandardNormal(double shift, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[N * D];
    double[] score = new double[N * D];
    for (int i = 0; i < x.length; i++) {
      double u = random.nextDouble();
      double v = random.nextDouble();
      x[i] = shift + scale * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
      score[i] = -x[i];
    }
    return KernelSteinDiscrepancy.squared(x, score, D);
  }

  @Test
  void nearZeroForExactSamplesAndPositiveForOthers() {
    double exact = ksdAgainstStandardNormal(0, 1, 11);
    double shifted = ksdAgainstStandardNormal(0.5, 1, 11);
    double narrow = ksdAgainstStandardNormal(0, 0.7, 11);
    assertTrue(Math.abs(exact) < 0.01, "exact samples: " + exact);
    assertTrue(shifted > 10 * Math.abs(exact) && shifted > 0.05, "shifted: " + shifted);
    assertTrue(narrow > 10 * Math.abs(exact), "narrower: " + narrow);
  }
}
