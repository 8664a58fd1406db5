package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ebm.core.graph.ModelGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/** The report vector's layout, and the finiteness check behind its third entry. */
class StepReportTest {

  @Test
  void theReportHoldsLossNormFinitenessAndDiagnosticsInThatOrder() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
      diagnostics.put("b", tf.constant(3f));
      diagnostics.put("a", tf.constant(4));
      Operand<TFloat64> report =
          StepReport.of(tf, tf.constant(1.5), tf.constant(2.5), tf.constant(false), diagnostics);
      assertArrayEquals(new double[] {1.5, 2.5, 0, 3, 4}, graph.evaluate(report), 0.0);
    }
  }

  @Test
  void oneNonFiniteElementOfOneVariableMakesTheParametersNonFinite() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      TrainableVariable<TFloat64> finite = trainable(tf, "a", new double[] {1, 2});
      TrainableVariable<TFloat64> infinite =
          trainable(tf, "b", new double[] {3, Double.POSITIVE_INFINITY});
      TrainableVariable<TFloat64> nan = trainable(tf, "c", new double[] {Double.NaN});
      assertArrayEquals(
          new double[] {1}, evaluate(graph, StepReport.allFinite(tf, List.of(finite))), 0.0);
      assertArrayEquals(
          new double[] {0},
          evaluate(graph, StepReport.allFinite(tf, List.of(finite, infinite))),
          0.0);
      assertArrayEquals(
          new double[] {0}, evaluate(graph, StepReport.allFinite(tf, List.of(nan, finite))), 0.0);
    }
  }

  private static TrainableVariable<TFloat64> trainable(Ops tf, String name, double[] values) {
    Variable<TFloat64> variable =
        tf.withInitScope().withName(name).variable(tf.withInitScope().constant(values));
    return new TrainableVariable<>(name, variable, variable);
  }

  private static double[] evaluate(ModelGraph<TFloat64> graph, Operand<?> check) {
    Ops tf = graph.ops();
    return graph.evaluate(tf.dtypes.cast(check, TFloat64.class));
  }
}
