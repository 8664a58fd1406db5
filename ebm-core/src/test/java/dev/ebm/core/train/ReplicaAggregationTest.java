package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingObjective;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** A step's values across replicas: means of losses, gradients and diagnostics; samples joined. */
class ReplicaAggregationTest {

  private static TrainingObjective<TFloat64> objective(
      Ops tf, double loss, double diagnostic, double[][] samples) {
    return new TrainingObjective<>(
        tf.constant(loss),
        Map.of("d", tf.constant(diagnostic)),
        List.of(),
        Optional.of(tf.constant(samples)),
        Optional.empty());
  }

  @Test
  void severalReplicasAverageLossGradientsAndDiagnosticsAndJoinTheirSamplesInOrder() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      ReplicaAggregation<TFloat64> mean =
          ReplicaAggregation.across(
              tf,
              List.of(
                  objective(tf, 1, 10, new double[][] {{1}, {2}}),
                  objective(tf, 3, 20, new double[][] {{3}, {4}})),
              List.of(
                  List.of(tf.constant(new double[] {1, 2}), tf.constant(5.0)),
                  List.of(tf.constant(new double[] {3, 6}), tf.constant(7.0))));
      assertArrayEquals(new double[] {2}, graph.evaluate(mean.loss()), 0.0);
      assertArrayEquals(new double[] {2, 4}, graph.evaluate(mean.gradients().get(0)), 0.0);
      assertArrayEquals(new double[] {6}, graph.evaluate(mean.gradients().get(1)), 0.0);
      assertEquals(List.of("d"), List.copyOf(mean.diagnostics().keySet()));
      assertArrayEquals(new double[] {15}, graph.evaluate(mean.diagnostics().get("d")), 0.0);
      assertArrayEquals(
          new double[] {1, 2, 3, 4}, graph.evaluate(mean.samples().orElseThrow()), 0.0);
    }
  }

  @Test
  void oneReplicasValuesPassThroughAndOnlyItsDiagnosticsGetAnIdentity() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      TrainingObjective<TFloat64> only = objective(tf, 1, 10, new double[][] {{1}});
      Operand<TFloat64> gradient = tf.constant(new double[] {1, 2});
      ReplicaAggregation<TFloat64> mean =
          ReplicaAggregation.across(tf, List.of(only), List.of(List.of(gradient)));
      assertSame(only.loss(), mean.loss());
      assertSame(gradient, mean.gradients().get(0));
      assertSame(only.samples().orElseThrow(), mean.samples().orElseThrow());
      assertEquals("Identity", mean.diagnostics().get("d").op().type());
      assertArrayEquals(new double[] {10}, graph.evaluate(mean.diagnostics().get("d")), 0.0);
    }
  }
}
