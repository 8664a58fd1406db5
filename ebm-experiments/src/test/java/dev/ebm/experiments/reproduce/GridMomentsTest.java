package dev.ebm.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ebm.core.data.toy.CorrelatedGaussian;
import dev.ebm.core.data.toy.Grid2d;
import org.junit.jupiter.api.Test;

/**
 * The grid covariance of a correlated Gaussian's exact log density (shifted by a constant) is Σ.
 */
class GridMomentsTest {

  @Test
  void theGridCovarianceOfAGaussianIsItsCovariance() {
    CorrelatedGaussian gaussian = new CorrelatedGaussian(1.5, 0.7);
    Grid2d grid = Grid2d.square(gaussian.halfWidth(), 241);
    double[] logDensity = gaussian.logDensity(grid);
    for (int g = 0; g < logDensity.length; g++) {
      logDensity[g] += 123.0;
    }
    assertArrayEquals(gaussian.covariance(), GridMoments.covariance(grid, logDensity), 1e-4);
  }
}
