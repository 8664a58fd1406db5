package dev.ebm.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** AUROC against hand counts and the closed form for two Gaussians. */
class AurocTest {

  @Test
  void countsPairsWithTiesAsHalves() {
    assertEquals(1.0, Auroc.of(new double[] {3, 4}, new double[] {1, 2}), 0.0);
    assertEquals(0.0, Auroc.of(new double[] {1, 2}, new double[] {3, 4}), 0.0);
    assertEquals(0.5, Auroc.of(new double[] {2, 2}, new double[] {2, 2, 2}), 0.0);
    // Pairs (p, n): (1,0) win, (1,1) tie, (1,2) loss, (3,·) three wins: (1 + 0.5 + 3)/6.
    assertEquals(4.5 / 6, Auroc.of(new double[] {1, 3}, new double[] {0, 1, 2}), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[0], new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Auroc.of(new double[] {Double.NaN}, new double[] {1}));
  }

  @Test
  void matchesTheClosedFormForTwoGaussians() {
    // For N(δ, 1) against N(0, 1): AUROC = Φ(δ/√2); δ = 1 gives 0.760250.
    SplittableRandom random = new SplittableRandom(11);
    double[] positives = new double[20_000];
    double[] negatives = new double[20_000];
    for (int i = 0; i < positives.length; i++) {
      positives[i] = 1 + random.nextGaussian();
      negatives[i] = random.nextGaussian();
    }
    assertEquals(0.760250, Auroc.of(positives, negatives), 0.005);
  }
}
