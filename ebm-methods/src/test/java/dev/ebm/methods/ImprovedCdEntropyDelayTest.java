package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * Improved CD's entropy term waits until the buffer has received more than {@code entropy_after}
 * chains (Du et al.'s code): with a batch of 16 and {@code entropy_after = 32}, the loss at steps 0
 * to 2 (0, 16, 32 chains received) has no entropy part, and at step 3 (48) it has exactly {@code
 * −w_ent · nn_log_distance}. The random draws are keyed by a fixed counter here, so the step
 * changes nothing else.
 */
class ImprovedCdEntropyDelayTest {

  private static final int BATCH = 16;
  private static final double ENTROPY_WEIGHT = 0.3;

  @Test
  void theEntropyActsOnlyOnceTheBufferHasReceivedMoreThanEntropyAfterChains() {
    LangevinChains chains =
        new LangevinChains(
            ChainSource.REPLAY,
            LangevinSampler.of(3, new LangevinStep(0.1, 1.0)),
            ChainInit.gaussian(0, 1),
            100,
            0.001,
            ChainTransition.IDENTITY);
    ImprovedContrastiveDivergence icd =
        new ImprovedContrastiveDivergence(
            ChainSettings.given(chains), 0.1, 1.0, ENTROPY_WEIGHT, 50, 2 * BATCH);
    double[] data = new double[2 * BATCH];
    SplittableRandom random = TestSeeds.random(5);
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextGaussian();
    }
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      Placeholder<TInt64> step =
          graph.ops().placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      TrainingContext<TFloat64> context =
          ContextsForTests.context(
              graph, GaussianEnergy.standard(2), BATCH, data, "improved-cd", step);
      TrainingObjective<TFloat64> objective = icd.build(context);
      @SuppressWarnings("unchecked")
      Operand<TFloat64> entropy =
          (Operand<TFloat64>)
              (Operand<? extends TNumber>) objective.diagnostics().get("nn_log_distance");
      graph.initialize();
      double[] loss = new double[4];
      double[] logDistance = new double[4];
      for (int t = 0; t < 4; t++) {
        try (Feeds feeds =
            Feeds.none()
                .put(context.data(), graph.tensor(Shape.of(BATCH, 2), data))
                .put(step, TInt64.scalarOf(t))) {
          loss[t] = graph.evaluate(objective.loss(), feeds)[0];
          logDistance[t] = graph.evaluate(entropy, feeds)[0];
        }
      }
      assertTrue(Double.isFinite(logDistance[3]) && logDistance[3] != 0, "" + logDistance[3]);
      assertEquals(loss[0], loss[1], 1e-12);
      assertEquals(loss[0], loss[2], 1e-12);
      assertEquals(loss[2] - ENTROPY_WEIGHT * logDistance[3], loss[3], 1e-9);
    }
  }
}
