package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethodProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;

/**
 * Persistent chains kept in a bank larger than the batch ({@code ml:chains=persistent,bank=N}):
 * each step draws a batch of distinct chains from the bank and writes them back, leaving the others
 * where they were; a bank smaller than the batch is refused by name.
 */
class PersistentBankTest {

  private static final int BATCH = 8;

  private static TrainingContext<TFloat64> context(
      ModelGraph<TFloat64> graph, GaussianEnergy model) {
    double[] data = new double[2 * BATCH];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 5) - 2;
    }
    return ContextsForTests.context(graph, model, BATCH, data, "ml");
  }

  /** The chains of {@code ml} with {@code options}, fitted to a small data set. */
  private static LangevinChains mlChains(String options) {
    return ((MaximumLikelihood)
            TrainingMethodProvider.byName("ml").create(Options.parse("ml", options)))
        .chains()
        .fittedTo(DataStatistics.of(Dataset.of(new double[] {-1, 1, 1, -1}, Shape.of(2))));
  }

  @Test
  void eachStepMovesOneBatchOfTheBankAndLeavesTheRest() {
    LangevinChains chains = mlChains("chains=persistent,bank=32,steps=2");
    assertEquals(32, chains.bufferCapacity());
    GaussianEnergy model = GaussianEnergy.standard(2);
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      TrainingContext<TFloat64> context = context(graph, model);
      LangevinChains.Starts<TFloat64> starts = chains.start(context, "ml");
      var bank = starts.buffer().orElseThrow();
      assertEquals(32, bank.capacity());
      var finished = chains.run(context, starts.states());
      var write = starts.writeBack(graph.ops(), finished);
      graph.initialize();
      double[] before = graph.evaluate(bank.contents());
      try (Fetched fetched = graph.run(Feeds.none(), List.of(finished), write)) {
        assertEquals(2 * BATCH, fetched.doubles(0).length);
        double[] after = graph.evaluate(bank.contents());
        int moved = 0;
        for (int entry = 0; entry < 32; entry++) {
          if (after[2 * entry] != before[2 * entry]
              || after[2 * entry + 1] != before[2 * entry + 1]) {
            moved++;
          }
        }
        assertEquals(BATCH, moved, "chains of the bank moved in one step");
      }
    }
  }

  @Test
  void aBankSmallerThanTheBatchIsRefusedByName() {
    LangevinChains chains = mlChains("chains=persistent,bank=4");
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      TrainingContext<TFloat64> context = context(graph, GaussianEnergy.standard(2));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> chains.start(context, "ml"));
      assertTrue(e.getMessage().contains("raise bank="), e.getMessage());
    }
  }
}
