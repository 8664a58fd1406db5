package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.sampling.NoiseSchedule;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.NoiseConditionalEnergy;
import dev.ebm.models.layers.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * NCSN on a 2-D mixture (8 Gaussians) with a noise-conditional MLP energy: after training, the
 * σ²-weighted denoising loss is lower than at initialisation at every noise level, measured on the
 * same held-out points and noise.
 */
class NcsnMixtureTest {

  @Test
  void trainingLowersTheLossAtEveryNoiseLevel() {
    NoiseSchedule schedule = NoiseSchedule.geometric(2.0, 0.05, 6);
    NoiseConditionalEnergyModel model =
        new NoiseConditionalEnergy(
            new MlpEnergy(Shape.of(2), new int[] {64, 64}, Activation.SOFTPLUS, false),
            schedule.smallest());
    Dataset data = Dataset.of(ToyDensities.byName("8gaussians").sample(8_000, 5), Shape.of(2));
    double[] heldOut = ToyDensities.byName("8gaussians").sample(2_000, 6);
    NoiseConditionalScoreMatching ncsn = NoiseConditionalScoreMatching.withPaperSampling(schedule);
    ParameterSnapshot[] initialAndTrained = new ParameterSnapshot[2];
    initialAndTrained[1] =
        Training.run(
            model,
            ncsn,
            data,
            new Training.Settings(256, 1500, 2e-3, 0.99, 3),
            (graph, program) -> {
              try (ModelGraph<TFloat64> fresh = ModelGraph.create(TFloat64.class, 3)) {
                VariableSet<TFloat64> init = fresh.createVariables("model", model.parameterSpecs());
                fresh.initialize();
                initialAndTrained[0] = ParameterSnapshot.read(fresh, init.read());
              }
              return Training.averaged(graph, program);
            });
    double[] before = perLevelLoss(model, initialAndTrained[0], heldOut, schedule);
    double[] after = perLevelLoss(model, initialAndTrained[1], heldOut, schedule);
    for (int i = 0; i < schedule.levels(); i++) {
      System.out.printf("sigma %.3f: loss %.4f -> %.4f%n", schedule.sigma(i), before[i], after[i]);
      assertTrue(
          after[i] < before[i],
          "at sigma " + schedule.sigma(i) + " the loss went from " + before[i] + " to " + after[i]);
    }
  }

  /** The mean σ²-weighted DSM loss at each level, with fixed noise. */
  static double[] perLevelLoss(
      NoiseConditionalEnergyModel model,
      ParameterSnapshot values,
      double[] points,
      NoiseSchedule schedule) {
    int n = points.length / 2;
    SplittableRandom random = new SplittableRandom(17);
    double[] noise = new double[2 * n];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextGaussian();
    }
    double[] losses = new double[schedule.levels()];
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 0)) {
      Ops tf = graph.ops();
      Parameters<TFloat64> parameters =
          graph.createVariables("model", values.asSpecs(model.parameterSpecs())).read();
      Placeholder<TFloat64> x = graph.placeholder("x", Shape.of(n, 2));
      Placeholder<TFloat64> eps = graph.placeholder("noise", Shape.of(n, 2));
      Placeholder<TFloat64> sigma = graph.placeholder("sigma", Shape.of(n));
      Operand<TFloat64> loss =
          tf.math.mean(
              DenoisingLoss.perSample(tf, model, parameters, x, eps, sigma), tf.constant(0));
      graph.initialize();
      for (int level = 0; level < schedule.levels(); level++) {
        double[] sigmas = new double[n];
        java.util.Arrays.fill(sigmas, schedule.sigma(level));
        try (Feeds feeds =
            Feeds.none()
                .put(x, graph.tensor(Shape.of(n, 2), points))
                .put(eps, graph.tensor(Shape.of(n, 2), noise))
                .put(sigma, graph.tensor(Shape.of(n), sigmas))) {
          losses[level] = graph.evaluate(loss, feeds)[0];
        }
      }
    }
    return losses;
  }
}
