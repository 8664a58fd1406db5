package dev.ebm.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Effective sample size and split R̂ against chains whose answers are known: independent draws (ESS
 * ≈ M N, R̂ ≈ 1), an AR(1) process (ESS ≈ M N (1 − ρ)/(1 + ρ)) and chains stuck in different places
 * (R̂ well above 1).
 */
class ChainDiagnosticsTest {

  private static double[][] autoregressive(int chains, int draws, double rho, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[chains][draws];
    double innovation = Math.sqrt(1 - rho * rho);
    for (int c = 0; c < chains; c++) {
      x[c][0] = gaussian(random);
      for (int n = 1; n < draws; n++) {
        x[c][n] = rho * x[c][n - 1] + innovation * gaussian(random);
      }
    }
    return x;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  @Test
  void independentDrawsHaveAnEffectiveSampleSizeOfTheirNumber() {
    double[][] independent = autoregressive(4, 1000, 0, 3);
    double ess = ChainDiagnostics.effectiveSampleSize(independent);
    assertEquals(4000, ess, 400, "ESS " + ess);
    double rHat = ChainDiagnostics.splitRHat(independent);
    assertEquals(1.0, rHat, 0.01, "R-hat " + rHat);
  }

  @Test
  void autocorrelatedDrawsCountForLess() {
    // τ = (1 + ρ)/(1 − ρ) = 19 for ρ = 0.9.
    double ess = ChainDiagnostics.effectiveSampleSize(autoregressive(4, 5000, 0.9, 5));
    assertEquals(20000.0 / 19, ess, 0.2 * 20000 / 19, "ESS " + ess);
  }

  @Test
  void chainsInDifferentPlacesHaveALargeRHat() {
    double[][] stuck = autoregressive(4, 500, 0.5, 7);
    for (int n = 0; n < 500; n++) {
      stuck[1][n] += 3;
    }
    assertTrue(ChainDiagnostics.splitRHat(stuck) > 1.1);
    // A chain that drifts within itself shows up in the split halves.
    double[][] drifting = autoregressive(1, 1000, 0, 9);
    for (int n = 0; n < 1000; n++) {
      drifting[0][n] += n / 200.0;
    }
    assertTrue(ChainDiagnostics.splitRHat(drifting) > 1.1);
  }

  @Test
  void tooShortOrRaggedChainsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChainDiagnostics.effectiveSampleSize(new double[][] {{1, 2, 3}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ChainDiagnostics.splitRHat(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4, 5}}));
  }
}
