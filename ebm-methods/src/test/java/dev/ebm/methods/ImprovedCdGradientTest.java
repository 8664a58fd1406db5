package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;

/**
 * Improved CD's KL term: for a Gaussian energy {@code E = ½(x−μ)ᵀP(x−μ)} the last Langevin step
 * {@code x_K = x − hP(x−μ) + sz} depends on μ with {@code ∂x_K/∂μ = hP}, and the energy in the KL
 * term has stopped parameters, so the loss gradient with respect to μ must be exactly
 *
 * <pre>
 *   P(mean x̂ − mean x_data)            (the ML part)
 * + h P·P (mean x̂ − μ)                  (the KL part, through the last step only)
 * </pre>
 */
@ExtendWith(ReportSeedOnFailure.class)
class ImprovedCdGradientTest {

  @Test
  void klGradientFlowsThroughTheLastStepOnly() {
    double[][] precision = {{2.0, 0.5}, {0.5, 1.0}};
    double[] mean = {0.3, -0.2};
    GaussianEnergy model = GaussianEnergy.of(mean, precision);
    double epsilon = 0.3;
    LangevinChains chains =
        new LangevinChains(
            ChainSource.REPLAY,
            LangevinSampler.of(3, new LangevinStep(epsilon, 1.0)),
            ChainInit.gaussian(0, 1),
            64,
            0.05,
            ChainTransition.IDENTITY);
    ImprovedContrastiveDivergence icd =
        new ImprovedContrastiveDivergence(ChainSettings.given(chains), 0, 1.0, 0.0, 16, 0);
    int batch = 16;
    double[] data = new double[2 * batch];
    SplittableRandom random = TestSeeds.random(8);
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextGaussian();
    }
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      TrainingContext<TFloat64> context =
          ContextsForTests.context(graph, model, batch, data, "improved-cd");
      TrainingObjective<TFloat64> objective = icd.build(context);
      Operand<TFloat64> gradient =
          Gradients.gradient(objective.loss(), context.parameters().get(GaussianEnergy.MEAN));
      graph.initialize();
      try (Feeds feeds = Feeds.none().put(context.data(), graph.tensor(Shape.of(batch, 2), data));
          Fetched fetched =
              graph.run(feeds, List.of(gradient, objective.samples().orElseThrow()), List.of())) {
        double[] symbolic = fetched.doubles(0);
        double[] samples = fetched.doubles(1);
        double h = epsilon * epsilon / 2;
        double[] sampleMean = columnMean(samples);
        double[] dataMean = columnMean(data);
        double[] ml =
            multiply(
                precision, new double[] {sampleMean[0] - dataMean[0], sampleMean[1] - dataMean[1]});
        double[] kl =
            multiply(
                precision,
                multiply(
                    precision, new double[] {sampleMean[0] - mean[0], sampleMean[1] - mean[1]}));
        double[] expected = {ml[0] + h * kl[0], ml[1] + h * kl[1]};
        assertArrayEquals(expected, symbolic, 1e-10);
      }
    }
  }

  private static double[] columnMean(double[] points) {
    int n = points.length / 2;
    double[] m = new double[2];
    for (int i = 0; i < n; i++) {
      m[0] += points[2 * i] / n;
      m[1] += points[2 * i + 1] / n;
    }
    return m;
  }

  private static double[] multiply(double[][] a, double[] v) {
    return new double[] {a[0][0] * v[0] + a[0][1] * v[1], a[1][0] * v[0] + a[1][1] * v[1]};
  }
}
