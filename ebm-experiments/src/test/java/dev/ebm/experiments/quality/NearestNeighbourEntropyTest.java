package dev.ebm.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Kozachenko–Leonenko entropy estimate against closed-form entropies. */
class NearestNeighbourEntropyTest {

  private static double[] gaussian(int n, int d, double std, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = std * random.nextGaussian();
    }
    return x;
  }

  @Test
  void recoversTheEntropyOfAnIsotropicGaussian() {
    for (int d : new int[] {1, 2, 8}) {
      double std = 1.5;
      // H(N(0, σ²I_d)) = (d/2)·log(2πeσ²)
      double exact = 0.5 * d * Math.log(2 * Math.PI * Math.E * std * std);
      double estimate = NearestNeighbourEntropy.estimate(gaussian(3000, d, std, d), d, 1);
      assertEquals(exact, estimate, 0.05 * d, "d = " + d);
    }
  }

  @Test
  void recoversTheEntropyOfAUniformCube() {
    int d = 3;
    SplittableRandom random = new SplittableRandom(7);
    double[] x = new double[3000 * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * random.nextDouble();
    }
    // H(U[0, 2]³) = 3·log 2; the cube's faces bias the estimate upward a little.
    assertEquals(d * Math.log(2), NearestNeighbourEntropy.estimate(x, d, 3), 0.1);
  }

  @Test
  void shrinkingASampleLowersTheEstimateByDTimesTheLogOfTheScale() {
    int d = 4;
    double[] x = gaussian(500, d, 1, 3);
    double[] shrunk = x.clone();
    for (int i = 0; i < shrunk.length; i++) {
      shrunk[i] *= 0.1;
    }
    assertEquals(
        d * Math.log(0.1),
        NearestNeighbourEntropy.estimate(shrunk, d, 2) - NearestNeighbourEntropy.estimate(x, d, 2),
        1e-9);
  }

  @Test
  void knowsTheUnitBallAndTheDigamma() {
    assertEquals(Math.log(2), NearestNeighbourEntropy.logUnitBallVolume(1), 1e-12);
    assertEquals(Math.log(Math.PI), NearestNeighbourEntropy.logUnitBallVolume(2), 1e-12);
    assertEquals(Math.log(4 * Math.PI / 3), NearestNeighbourEntropy.logUnitBallVolume(3), 1e-12);
    assertEquals(
        Math.log(Math.PI * Math.PI / 2), NearestNeighbourEntropy.logUnitBallVolume(4), 1e-12);
    assertEquals(-0.5772156649015329, NearestNeighbourEntropy.digamma(1), 1e-15);
    assertEquals(1.5 - 0.5772156649015329, NearestNeighbourEntropy.digamma(3), 1e-15);
  }

  @Test
  void duplicatesHaveNoSpreadAndTooFewPointsAreAnError() {
    double[] repeated = {1, 2, 1, 2, 3, 4};
    assertEquals(Double.NEGATIVE_INFINITY, NearestNeighbourEntropy.estimate(repeated, 2, 1));
    IllegalArgumentException tooFew =
        assertThrows(
            IllegalArgumentException.class,
            () -> NearestNeighbourEntropy.estimate(new double[] {1, 2}, 1, 2));
    assertEquals(
        "the estimate needs 1 <= k < n (points), got k = 2 and n = 2", tooFew.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> NearestNeighbourEntropy.estimate(new double[] {1, 2, 3}, 2, 1));
  }
}
