package dev.ebm.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ebm.core.analytic.Matrices;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Fréchet distance and the eigen-solver under it, against closed forms. */
class FrechetDistanceTest {

  private static double[] correlated(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int s = 0; s < n; s++) {
      double shared = random.nextGaussian();
      for (int i = 0; i < d; i++) {
        x[s * d + i] = (i + 1) * random.nextGaussian() + 0.5 * shared + i;
      }
    }
    return x;
  }

  @Test
  void eigenDecompositionRebuildsTheMatrixAndItsSquareRoot() {
    double[][] a = Matrices.covariance(correlated(500, 12, 1), 12);
    SymmetricEigen eigen = SymmetricEigen.of(a);
    double[][] v = eigen.vectors();
    double[][] rebuilt = new double[12][12];
    for (int k = 0; k < 12; k++) {
      for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 12; j++) {
          rebuilt[i][j] += v[i][k] * eigen.values()[k] * v[j][k];
        }
      }
    }
    assertEquals(0, Matrices.relativeFrobeniusError(rebuilt, a), 1e-12);
    double[][] root = eigen.sqrt();
    assertEquals(0, Matrices.relativeFrobeniusError(Matrices.multiply(root, root), a), 1e-12);
    double[][] identity = Matrices.multiply(Matrices.transpose(v), v);
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j++) {
        assertEquals(i == j ? 1 : 0, identity[i][j], 1e-12);
      }
    }
    assertThrows(
        IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {0, 1}}));
  }

  @Test
  void matchesTheClosedFormsOfShiftedAndScaledSets() {
    int d = 6;
    double[] a = correlated(400, d, 2);
    assertEquals(0, FrechetDistance.squared(a, a, d), 1e-9);
    // A shift by δ moves only the mean: d² = ‖δ‖².
    double[] shifted = a.clone();
    double shift = 0;
    for (int s = 0; s < 400; s++) {
      for (int i = 0; i < d; i++) {
        shifted[s * d + i] += 0.3 * (i - 2);
      }
    }
    for (int i = 0; i < d; i++) {
      shift += Math.pow(0.3 * (i - 2), 2);
    }
    assertEquals(shift, FrechetDistance.squared(a, shifted, d), 1e-9);
    // Doubling a centred set: Σ₂ = 4Σ₁, so d² = tr Σ₁ + 4 tr Σ₁ − 2·tr(2Σ₁) = tr Σ₁.
    double[] mean = Matrices.mean(a, d);
    double[] centred = a.clone();
    double[] doubled = a.clone();
    for (int s = 0; s < 400; s++) {
      for (int i = 0; i < d; i++) {
        centred[s * d + i] -= mean[i];
        doubled[s * d + i] = 2 * centred[s * d + i];
      }
    }
    double trace = 0;
    double[][] cov = Matrices.covariance(a, d);
    for (int i = 0; i < d; i++) {
      trace += cov[i][i];
    }
    assertEquals(trace, FrechetDistance.squared(centred, doubled, d), 1e-9 * trace);
    assertThrows(
        IllegalArgumentException.class, () -> FrechetDistance.squared(new double[6], a, d));
  }
}
