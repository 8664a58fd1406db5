package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.testing.TestDenoisingMethod;
import dev.ebm.core.testing.TrainingFixture;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * One training step as built: it updates the parameters once, counts itself, and reports what it
 * computed; a later copy of it reuses the optimiser slots and averages the first step created.
 */
class StepBuilderTest {

  private static final int BATCH = 8;

  private record Built(
      StepBuilder<TFloat64> builder,
      VariableSet<TFloat64> model,
      Variable<TInt64> step,
      Placeholder<TFloat64> data) {}

  private static Built builder(ModelGraph<TFloat64> graph) {
    Ops tf = graph.ops();
    EnergyModel model = GaussianEnergy.standard(2);
    VariableSet<TFloat64> variables = graph.createVariables("model", model.parameterSpecs());
    Variable<TInt64> step =
        tf.withInitScope().withName("step").variable(tf.withInitScope().constant(0L));
    Placeholder<TFloat64> data = graph.placeholder("data", Shape.of(-1, BATCH, 2));
    ProgramConfig config = ProgramConfig.of(OptimizerConfig.adam(0.05)).withEma(0.9);
    return new Built(
        new StepBuilder<>(
            graph,
            model,
            new TestDenoisingMethod(0.3),
            config,
            DataStatistics.of(TrainingFixture.data()),
            BATCH,
            data,
            variables,
            step),
        variables,
        step,
        data);
  }

  @Test
  void aStepUpdatesTheParametersOnceCountsItselfAndReportsWhatItComputed() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      Built built = builder(graph);
      TrainingStep<TFloat64> step = built.builder().build(0);
      double[] before = graph.evaluate(built.model().read().get(GaussianEnergy.MEAN));
      SplittableRandom random = new SplittableRandom(11);
      double[] batch = new double[BATCH * 2];
      Arrays.setAll(batch, i -> random.nextGaussian());
      try (Feeds feeds =
              Feeds.none().put(built.data(), graph.tensor(Shape.of(1, BATCH, 2), batch));
          Fetched fetched =
              graph.run(feeds, List.of(step.loss(), step.report()), List.of(step.done()))) {
        double[] report = fetched.doubles(1);
        assertEquals(fetched.scalar(0), report[0], 0.0);
        assertTrue(report[1] > 0, "gradient norm " + report[1]);
        assertEquals(1, report[2], 0.0);
      }
      assertEquals(1, graph.evaluate(built.step())[0], 0.0);
      assertFalse(
          Arrays.equals(before, graph.evaluate(built.model().read().get(GaussianEnergy.MEAN))));
    }
  }

  @Test
  void twoLocalReplicasStepAsOneDoes() {
    SplittableRandom random = new SplittableRandom(12);
    double[] batch = new double[BATCH * 2];
    Arrays.setAll(batch, i -> random.nextGaussian());
    double[][] lossAndMean = new double[2][];
    for (int replicas = 1; replicas <= 2; replicas++) {
      try (ModelGraph<TFloat64> graph =
          ModelGraph.create(
              TFloat64.class, 4, SessionOptions.defaults().withLocalReplicas(replicas))) {
        assertEquals(replicas, graph.replicas());
        Built built = builder(graph);
        TrainingStep<TFloat64> step = built.builder().build(0);
        double loss;
        try (Feeds feeds =
                Feeds.none().put(built.data(), graph.tensor(Shape.of(1, BATCH, 2), batch));
            Fetched fetched = graph.run(feeds, List.of(step.loss()), List.of(step.done()))) {
          loss = fetched.scalar(0);
        }
        double[] mean = graph.evaluate(built.model().read().get(GaussianEnergy.MEAN));
        lossAndMean[replicas - 1] = new double[] {loss, mean[0], mean[1]};
      }
    }
    // Each replica draws the noise a single process draws for its rows: the same step.
    assertArrayEquals(lossAndMean[0], lossAndMean[1], 1e-12);
  }

  @Test
  void aLaterStepReusesTheOptimiserSlotsAndAveragesOfTheFirst() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 4)) {
      Built built = builder(graph);
      TrainingStep<TFloat64> first = built.builder().build(0);
      long variables = countVariables(graph);
      TrainingStep<TFloat64> second =
          graph.repeatAfter(List.of(first.done()), () -> built.builder().build(1));
      assertEquals(variables, countVariables(graph));
      assertEquals("step1/trainer/report", second.report().op().name());
      assertEquals("ema", built.builder().averaging().orElseThrow().parameters().scope());
      assertEquals(built.model().trainableSize(), built.builder().trainableSize());
    }
  }

  private static long countVariables(ModelGraph<?> graph) {
    Set<String> types = Set.of("VariableV2", "VarHandleOp");
    long n = 0;
    for (var ops = graph.graph().operations(); ops.hasNext(); ) {
      GraphOperation op = ops.next();
      if (types.contains(op.type())) {
        n++;
      }
    }
    return n;
  }
}
