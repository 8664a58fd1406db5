package dev.ebm.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.data.toy.EightGaussians;
import org.junit.jupiter.api.Test;

/** {@code icd-stability}'s mode count on 8 Gaussians, against samples whose modes are known. */
class ModeCoverageTest {

  private final EightGaussians density = new EightGaussians();

  @Test
  void samplesOfTheDensityCoverEveryMode() {
    assertEquals(8, IcdStability.modesCovered(density.mixture(), density.sample(2000, 1)));
  }

  @Test
  void aModeNeedsFivePercentOfTheSamples() {
    // 96 samples on mode 0 (radius 2, angle 0), 4 on mode 2 (0, 2): 4 % is below the share.
    double[] points = new double[200];
    for (int i = 0; i < 100; i++) {
      points[2 * i] = i < 96 ? 2.0 : 0.0;
      points[2 * i + 1] = i < 96 ? 0.0 : 2.0;
    }
    assertEquals(1, IcdStability.modesCovered(density.mixture(), points));
    points[2 * 95] = 0.0;
    points[2 * 95 + 1] = 2.0;
    assertEquals(2, IcdStability.modesCovered(density.mixture(), points), "5 % covers a mode");
  }

  @Test
  void samplesBeyondThreeStandardDeviationsBelongToNoMode() {
    double[] between = new double[200];
    // Halfway between modes 0 and 1, at distance ≈ 0.77 from both: far beyond 3 × 0.1.
    double angle = Math.PI / 8;
    for (int i = 0; i < 100; i++) {
      between[2 * i] = 2 * Math.cos(angle);
      between[2 * i + 1] = 2 * Math.sin(angle);
    }
    assertEquals(0, IcdStability.modesCovered(density.mixture(), between));
    double[] justInside = new double[200];
    for (int i = 0; i < 100; i++) {
      justInside[2 * i] = 2.29;
      justInside[2 * i + 1] = 0;
    }
    assertEquals(1, IcdStability.modesCovered(density.mixture(), justInside));
  }
}
