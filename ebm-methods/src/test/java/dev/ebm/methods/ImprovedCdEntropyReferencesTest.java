package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.testing.TestSeeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * Improved CD's entropy term never takes a chain's own start as its nearest neighbour. With
 * persistent chains every start is in the buffer the references come from; after one Langevin step
 * of size 1e-6 a chain sits 1e-6 from its start, so counting the start would give a mean log
 * distance near log 1e-6 ≈ −14, while the nearest of the 15 other chains' starts (16 standard
 * normal points in 2-D) lies about 0.3 away (log ≈ −1).
 */
class ImprovedCdEntropyReferencesTest {

  @Test
  void aChainsOwnStartIsNeverItsNearestReference() {
    int batch = 16;
    LangevinChains chains =
        new LangevinChains(
            ChainSource.PERSISTENT,
            LangevinSampler.of(1, new LangevinStep(1e-6, 1.0)),
            ChainInit.gaussian(0, 1),
            batch,
            0,
            ChainTransition.IDENTITY);
    ImprovedContrastiveDivergence icd =
        new ImprovedContrastiveDivergence(ChainSettings.given(chains), 0, 1.0, 1.0, batch, 0);
    GaussianEnergy model = GaussianEnergy.standard(2);
    double[] data = new double[2 * batch];
    SplittableRandom random = TestSeeds.random(3);
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextGaussian();
    }
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      TrainingContext<TFloat64> context =
          ContextsForTests.context(graph, model, batch, data, "improved-cd");
      TrainingObjective<TFloat64> objective = icd.build(context);
      @SuppressWarnings("unchecked")
      Operand<TFloat64> logDistance =
          (Operand<TFloat64>)
              (Operand<? extends TNumber>) objective.diagnostics().get("nn_log_distance");
      graph.initialize();
      try (Feeds feeds = Feeds.none().put(context.data(), graph.tensor(Shape.of(batch, 2), data))) {
        double value = graph.evaluate(logDistance, feeds)[0];
        assertTrue(value > -4, "mean log nearest-reference distance " + value);
      }
    }
  }
}
