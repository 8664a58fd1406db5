package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.analytic.Matrices;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** Langevin dynamics on a Gaussian energy reproduces its mean and covariance. */
class LangevinSamplerTest {

  @Test
  void recoversGaussianMeanAndCovariance() {
    double[] mean = {1.0, -2.0};
    double[][] covariance = {{1.0, 0.6}, {0.6, 2.0}};
    GaussianEnergy model = GaussianEnergy.of(mean, Matrices.inverseSpd(covariance));
    int chains = 2000;
    LangevinStep step = new LangevinStep(0.2, 1.0);
    double[] samples;
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 17)) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("gaussian", model.parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("chains"), tf.constant(0L));
      Operand<TFloat64> x0 =
          ChainInit.gaussian(3, 1)
              .sample(
                  tf,
                  stream.child(tf, "init"),
                  tf.constant(new long[] {chains, 2}),
                  TFloat64.class);
      Operand<TFloat64> x =
          LangevinSampler.of(1500, step).sample(tf, model, vars.read(), x0, stream);
      samples = g.evaluate(x);
    }
    double[] sampleMean = Matrices.mean(samples, 2);
    double[][] sampleCov = Matrices.covariance(samples, 2);
    for (int i = 0; i < 2; i++) {
      double se = Math.sqrt(covariance[i][i] / chains);
      assertEquals(mean[i], sampleMean[i], 4 * se, "mean " + i);
      for (int j = 0; j < 2; j++) {
        double seCov =
            Math.sqrt(
                (covariance[i][i] * covariance[j][j] + covariance[i][j] * covariance[i][j])
                    / chains);
        assertEquals(covariance[i][j], sampleCov[i][j], 4 * seCov, "covariance " + i + j);
      }
    }
  }

  @Test
  void conversionsReproduceThePapersUpdates() {
    // NCSN image: x += α s + √(2α) z.
    LangevinStep image = LangevinStep.fromNcsnImage(2e-5);
    assertEquals(2e-5, image.drift(), 1e-18);
    assertEquals(Math.sqrt(4e-5), image.noiseStd(), 1e-15);
    assertEquals(1.0, image.tau(), 1e-12);
    // NCSN toy: x += (α/2) s + √α z.
    LangevinStep toy = LangevinStep.fromNcsnToy(0.1);
    assertEquals(0.05, toy.drift(), 1e-15);
    assertEquals(Math.sqrt(0.1), toy.noiseStd(), 1e-15);
    // Anatomy code: x += −∇f + ε z.
    LangevinStep anatomy = LangevinStep.fromAnatomy(0.01);
    assertEquals(1.0, anatomy.drift(), 1e-15);
    assertEquals(0.01, anatomy.noiseStd(), 1e-15);
    assertTrue(
        anatomy.describe().contains("x <- x - 1 * grad E(x) + 0.01 * z"), anatomy.describe());
  }
}
