package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.VariableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * The moving average of the parameters and of a learned log Z, step by step against the recursion
 * {@code a ← a − (1−d)(a − x)} computed in Java, under the variable names checkpoints hold.
 */
class ParameterAveragingTest {

  private static final double DECAY = 0.9;

  private static final List<ParameterSpec> SPECS =
      List.of(
          ParameterSpec.trainable("w", Shape.of(2), Initializer.values(1, 2)),
          ParameterSpec.state("u", Shape.of(1), Initializer.values(5)));

  @Test
  void averagesTheParametersAndTheLearnedLogZTogetherAndCopiesTheState() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      VariableSet<TFloat64> model = graph.createVariables("model", SPECS);
      Placeholder<TFloat64> w = graph.placeholder("w", Shape.of(2));
      Placeholder<TFloat64> u = graph.placeholder("u", Shape.of(1));
      Placeholder<TFloat64> logZ = graph.placeholder("log_z", Shape.scalar());
      List<Op> setModel =
          List.of(tf.assign(model.variable("w"), w), tf.assign(model.variable("u"), u));
      ParameterAveraging<TFloat64> averaging = new ParameterAveraging<>(graph, model, DECAY);
      List<Op> update = averaging.update(tf, Optional.of(logZ));
      assertEquals("ema", averaging.parameters().scope());
      assertEquals("ema_log_z/log_z", averaging.logPartition().orElseThrow().op().name());

      double[] expectedW = {1, 2};
      double expectedZ = 0;
      double[][] ws = {{3, -1}, {0, 4}, {2, 2}};
      double[] zs = {1.5, -0.5, 2};
      for (int step = 0; step < ws.length; step++) {
        try (Feeds feeds =
            Feeds.none()
                .put(w, graph.tensor(Shape.of(2), ws[step]))
                .put(u, graph.tensor(Shape.of(1), new double[] {6 + step}))) {
          graph.run(feeds, setModel);
        }
        try (Feeds feeds =
            Feeds.none().put(logZ, graph.tensor(Shape.scalar(), new double[] {zs[step]}))) {
          graph.run(feeds, update);
        }
        for (int i = 0; i < 2; i++) {
          expectedW[i] = expectedW[i] - (1 - DECAY) * (expectedW[i] - ws[step][i]);
        }
        expectedZ = expectedZ - (1 - DECAY) * (expectedZ - zs[step]);
        assertArrayEquals(expectedW, graph.evaluate(averaging.parameters().read().get("w")), 1e-12);
        assertArrayEquals(
            new double[] {6 + step}, graph.evaluate(averaging.parameters().read().get("u")), 0.0);
        assertArrayEquals(
            new double[] {expectedZ},
            graph.evaluate(tf.identity(averaging.logPartition().orElseThrow())),
            1e-12);
      }
    }
  }

  @Test
  void theLogZAverageIsCreatedOnceAndOnlyForAMethodThatLearnsLogZ() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      VariableSet<TFloat64> model = graph.createVariables("model", SPECS);
      ParameterAveraging<TFloat64> without = new ParameterAveraging<>(graph, model, DECAY);
      without.update(tf, Optional.empty());
      assertTrue(without.logPartition().isEmpty());
      List<String> names = new ArrayList<>();
      graph.graph().operations().forEachRemaining(op -> names.add(op.name()));
      assertTrue(names.stream().noneMatch(n -> n.startsWith("ema_log_z")), names.toString());
    }
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      VariableSet<TFloat64> model = graph.createVariables("model", SPECS);
      ParameterAveraging<TFloat64> with = new ParameterAveraging<>(graph, model, DECAY);
      with.update(tf, Optional.of(tf.constant(1.0)));
      var first = with.logPartition().orElseThrow();
      with.update(tf, Optional.of(tf.constant(2.0)));
      assertSame(first, with.logPartition().orElseThrow());
    }
  }
}
