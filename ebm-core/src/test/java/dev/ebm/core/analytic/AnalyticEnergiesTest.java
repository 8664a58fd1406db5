package dev.ebm.core.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

@ExtendWith(ReportSeedOnFailure.class)
class AnalyticEnergiesTest {

  @Test
  void gaussianLogPartitionMatchesGridIntegral() {
    double[] mean = {0.3, -0.5};
    double[][] precision = {{2.0, 0.6}, {0.6, 1.0}};
    GaussianEnergy model = GaussianEnergy.of(mean, precision);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("gaussian", model.parameterSpecs());
      Placeholder<TFloat64> x = g.placeholder("x", Shape.of(-1, 2));
      Operand<TFloat64> energy = model.energy(tf, x, vars.read());
      int n = 401;
      double lo = -7;
      double step = 14.0 / (n - 1);
      double[] grid = new double[n * n * 2];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          grid[2 * (i * n + j)] = lo + i * step;
          grid[2 * (i * n + j) + 1] = lo + j * step;
        }
      }
      double[] energies;
      try (Feeds feeds = Feeds.none().put(x, g.tensor(Shape.of(n * n, 2), grid))) {
        energies = g.evaluate(energy, feeds);
      }
      double sum = 0;
      for (double e : energies) {
        sum += Math.exp(-e);
      }
      double gridLogZ = Math.log(sum * step * step);
      double exact = g.evaluate(model.logPartition(tf, vars.read()))[0];
      assertEquals(exact, gridLogZ, 1e-6);
      double[] recovered =
          GaussianEnergy.precision(
              g.evaluate(vars.read().get(GaussianEnergy.CHOLESKY)),
              g.evaluate(vars.read().get(GaussianEnergy.LOG_DIAGONAL)))[0];
      assertEquals(2.0, recovered[0], 1e-12);
      assertEquals(0.6, recovered[1], 1e-12);
    }
  }

  @Test
  void mixtureEnergyAndScoreMatchTheClosedFormAtEveryNoiseLevel() {
    GaussianMixture mixture =
        new GaussianMixture(
            java.util.List.of(
                new GaussianMixture.Component(0.3, new double[] {1, 2}, new double[] {0.5, 1.5}),
                new GaussianMixture.Component(0.7, new double[] {-2, 0}, new double[] {1.0, 0.3})));
    SplittableRandom random = TestSeeds.random(3);
    int batch = 16;
    double[] points = new double[batch * 2];
    double[] sigmas = new double[batch];
    for (int i = 0; i < batch; i++) {
      points[2 * i] = random.nextDouble(-4, 4);
      points[2 * i + 1] = random.nextDouble(-4, 4);
      sigmas[i] = i % 4 == 0 ? 0 : random.nextDouble(0.01, 3);
    }
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = g.ops();
      Placeholder<TFloat64> x = g.placeholder("x", Shape.of(-1, 2));
      Placeholder<TFloat64> sigma = g.placeholder("sigma", Shape.of(-1));
      Operand<TFloat64> energy = mixture.energy(tf, x, sigma, Parameters.of(java.util.Map.of()));
      Operand<TFloat64> score = Gradients.score(tf, energy, x);
      try (Feeds feeds =
          Feeds.none()
              .put(x, g.tensor(Shape.of(batch, 2), points))
              .put(sigma, g.tensor(Shape.of(batch), sigmas))) {
        double[] e = g.evaluate(energy, feeds);
        double[] s = g.evaluate(score, feeds);
        for (int i = 0; i < batch; i++) {
          double[] p = {points[2 * i], points[2 * i + 1]};
          assertEquals(-mixture.logDensity(p, sigmas[i]), e[i], 1e-12);
          double[] expected = mixture.score(p, sigmas[i]);
          assertEquals(expected[0], s[2 * i], 1e-10);
          assertEquals(expected[1], s[2 * i + 1], 1e-10);
        }
      }
    }
  }

  @Test
  void wrongInputShapeNamesBothShapes() {
    GaussianEnergy model = GaussianEnergy.standard(3);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      VariableSet<TFloat64> vars = g.createVariables("gaussian", model.parameterSpecs());
      Placeholder<TFloat64> x = g.placeholder("x", Shape.of(-1, 2));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> model.energy(g.ops(), x, vars.read()));
      assertEquals(
          "gaussian expects inputs of shape [batch, 3] (a batch of samples of shape [3]), got [-1, 2]",
          e.getMessage());
    }
  }

  @Test
  void mixtureSamplesHaveTheMixtureMoments() {
    GaussianMixture mixture =
        GaussianMixture.isotropic(new double[] {0.8, 0.2}, new double[][] {{5, 5}, {-5, -5}}, 1);
    double[] samples = mixture.sample(200_000, new SplittableRandom(1));
    double[] mean = Matrices.mean(samples, 2);
    assertEquals(0.8 * 5 - 0.2 * 5, mean[0], 0.05);
    double[][] cov = Matrices.covariance(samples, 2);
    // Var = 1 + E[μ²] − E[μ]² = 1 + 25 − 9 = 17.
    assertEquals(17, cov[0][0], 0.3);
  }
}
