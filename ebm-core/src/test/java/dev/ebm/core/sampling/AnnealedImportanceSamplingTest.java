package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.testing.TestSeeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * AIS recovers the exact log Z of a Gaussian energy {@code ½(x − μ)ᵀP(x − μ)}, {@code log Z = (d/2)
 * log 2π − ½ log det P}, within 3 standard errors in d = 2, 10 and 50, from a base that does not
 * match it; reverse AIS from exact samples brackets it from above.
 */
class AnnealedImportanceSamplingTest {

  private static final int CHAINS = 500;

  private record Target(GaussianEnergy energy, double[] mean, double[] variance, double logZ) {}

  /** A diagonal Gaussian with means 0.5 and variances from 0.5 to 1.5. */
  private static Target gaussian(int d) {
    double[] mean = new double[d];
    double[] variance = new double[d];
    double[][] precision = new double[d][d];
    double logZ = 0.5 * d * Math.log(2 * Math.PI);
    for (int i = 0; i < d; i++) {
      mean[i] = 0.5;
      variance[i] = 0.5 + (double) i / Math.max(1, d - 1);
      precision[i][i] = 1 / variance[i];
      logZ += 0.5 * Math.log(variance[i]);
    }
    return new Target(GaussianEnergy.of(mean, precision), mean, variance, logZ);
  }

  private static AnnealedImportanceSampling.Estimate run(Target target, boolean reverse) {
    int d = target.mean().length;
    double[] baseMean = new double[d];
    double[] baseStd = new double[d];
    Arrays.fill(baseStd, 1.3);
    AnnealedImportanceSampling.Base base = new AnnealedImportanceSampling.Base(baseMean, baseStd);
    AnnealedImportanceSampling ais =
        new AnnealedImportanceSampling(new MalaKernel(), Math.max(300, 20 * d), 0.5);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, TestSeeds.seed(41))) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("gaussian", target.energy().parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("ais"), tf.constant(0L));
      AnnealedImportanceSampling.Run<TFloat64> run;
      if (reverse) {
        SplittableRandom random = TestSeeds.random(41);
        double[] exact = new double[CHAINS * d];
        for (int i = 0; i < exact.length; i++) {
          int k = i % d;
          exact[i] = target.mean()[k] + Math.sqrt(target.variance()[k]) * random.nextGaussian();
        }
        run =
            ais.reverse(
                tf,
                target.energy(),
                vars.read(),
                base,
                Constants.of(tf, Shape.of(CHAINS, d), exact, TFloat64.class),
                stream);
      } else {
        run =
            ais.forward(
                tf,
                target.energy(),
                vars.read(),
                base,
                base.sample(tf, CHAINS, Shape.of(d), TFloat64.class, stream.child(tf, "base")),
                stream);
      }
      double[] logWeights = g.evaluate(run.logWeights());
      double acceptance = g.evaluate(run.acceptanceRate())[0];
      assertTrue(acceptance > 0.3, "acceptance " + acceptance);
      return AnnealedImportanceSampling.Estimate.of(logWeights);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 10, 50})
  void recoversTheExactLogPartitionFunction(int d) {
    Target target = gaussian(d);
    AnnealedImportanceSampling.Estimate forward = run(target, false);
    assertTrue(forward.standardError() < 0.2, "SE " + forward.standardError());
    assertEquals(
        target.logZ(),
        forward.logMeanWeight(),
        3 * forward.standardError() + 1e-9,
        "d = " + d + ": " + forward);
  }

  @Test
  void reverseAisFromExactSamplesBoundsFromAbove() {
    Target target = gaussian(10);
    AnnealedImportanceSampling.Estimate reverse = run(target, true);
    double upper = -reverse.logMeanWeight();
    assertEquals(target.logZ(), upper, 3 * reverse.standardError() + 1e-9, "" + reverse);
    assertTrue(upper > target.logZ() - 3 * reverse.standardError());
  }

  @Test
  void theScheduleRunsFromZeroToOneAndMismatchedShapesAreRefused() {
    double[] betas = AnnealedImportanceSampling.schedule(10);
    assertEquals(0, betas[0]);
    assertEquals(1, betas[10]);
    for (int k = 1; k <= 10; k++) {
      assertTrue(betas[k] > betas[k - 1]);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> AnnealedImportanceSampling.Estimate.of(new double[] {Double.NaN, Double.NaN}));
  }
}
