package dev.ebm.methods;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * A method's training context for a test: {@code model}'s variables in {@code graph}, a data
 * placeholder {@code x} of {@code batch} 2-D points, a random stream of seed 9, the statistics of
 * {@code data} (the batch the test feeds), at training step 0 unless given.
 */
final class ContextsForTests {

  private ContextsForTests() {}

  static TrainingContext<TFloat64> context(
      ModelGraph<TFloat64> graph, EnergyModel model, int batch, double[] data, String method) {
    return context(graph, model, batch, data, method, graph.ops().constant(0L));
  }

  /** The same at the training step {@code step} (e.g. a placeholder the test feeds). */
  static TrainingContext<TFloat64> context(
      ModelGraph<TFloat64> graph,
      EnergyModel model,
      int batch,
      double[] data,
      String method,
      Operand<TInt64> step) {
    Ops tf = graph.ops();
    VariableSet<TFloat64> variables = graph.createVariables("model", model.parameterSpecs());
    return new TrainingContext<>(
        graph,
        tf,
        model,
        variables.read(),
        variables.detachedRead(tf),
        graph.placeholder("x", Shape.of(batch, 2)),
        batch,
        RandomStream.of(tf, 9, tf.constant(0L)),
        step,
        DataStatistics.of(Dataset.of(data, Shape.of(2))),
        method);
  }
}
