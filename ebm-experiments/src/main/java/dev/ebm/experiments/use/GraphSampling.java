package dev.ebm.experiments.use;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.experiments.TrainedRun;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Runs any {@link Sampler} — a plugin's included — on a trained run, inside a graph of its own with
 * the run's parameters frozen: the whole chain in one {@code Session.run}.
 */
public final class GraphSampling {

  private GraphSampling() {}

  /** The final states of chains started at {@code start} ({@code [chains] + sampleShape}). */
  public static double[] sample(TrainedRun run, Sampler sampler, double[] start, long seed) {
    Shape sampleShape = run.model().sampleShape();
    int chains = Math.toIntExact(start.length / sampleShape.size());
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, seed)) {
      Ops tf = graph.ops();
      VariableSet<TFloat32> variables =
          graph.createVariables("model", run.parameters().asSpecs(run.model().parameterSpecs()));
      Operand<TFloat32> x0 =
          Constants.of(tf, Shape.of(chains).append(sampleShape), start, TFloat32.class);
      Operand<TFloat32> samples =
          sampler.sample(
              tf,
              run.model(),
              variables.detachedRead(tf),
              x0,
              RandomStream.of(tf, graph.seed("sampler"), tf.constant(0L)));
      graph.initialize();
      return graph.evaluate(samples);
    }
  }
}
