package dev.ebm.core.trained;

import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Runs any {@link Sampler} — a plugin's included — on a trained model, inside a graph of its own
 * with the parameters frozen: the whole chain in one {@code Session.run}, with the sampler's
 * diagnostics and, where it records one, its trace of states over time.
 */
public final class GraphSampling {

  private GraphSampling() {}

  /** The final states of chains started at {@code start} ({@code [chains] + sampleShape}). */
  public static double[] sample(TrainedModel trained, Sampler sampler, double[] start, long seed) {
    return sampleTraced(trained, sampler, start, seed, 0).samples();
  }

  /**
   * What a traced run of the sampler gave.
   *
   * @param samples the final states
   * @param diagnostics the sampler's scalar diagnostics
   * @param trace the recorded states in order, each {@code [chains] + sampleShape} flattened; empty
   *     when the sampler records none
   */
  public record Traced(double[] samples, Map<String, Double> diagnostics, List<double[]> trace) {}

  /**
   * The chains, their diagnostics and, where the sampler records one, {@code traceLength} states.
   */
  public static Traced sampleTraced(
      TrainedModel trained, Sampler sampler, double[] start, long seed, int traceLength) {
    Shape sampleShape = trained.model().sampleShape();
    int chains = Math.toIntExact(start.length / sampleShape.size());
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, seed)) {
      Ops tf = graph.ops();
      VariableSet<TFloat32> variables =
          graph.createVariables(
              "model", trained.parameters().asSpecs(trained.model().parameterSpecs()));
      Operand<TFloat32> x0 =
          Constants.of(tf, Shape.of(chains).append(sampleShape), start, TFloat32.class);
      Sampler.Chains<TFloat32> drawn =
          sampler.sampleWithDiagnostics(
              tf,
              trained.model(),
              variables.detachedRead(tf),
              x0,
              RandomStream.of(tf, graph.seed("sampler"), tf.constant(0L)),
              traceLength);
      graph.initialize();
      Map<String, Double> diagnostics = new LinkedHashMap<>();
      drawn.diagnostics().forEach((name, value) -> diagnostics.put(name, graph.evaluate(value)[0]));
      List<double[]> trace = new ArrayList<>();
      if (drawn.trace().isPresent()) {
        double[] all = graph.evaluate(drawn.trace().get());
        int per = start.length;
        for (int r = 0; r < all.length / per; r++) {
          trace.add(Arrays.copyOfRange(all, r * per, (r + 1) * per));
        }
      }
      return new Traced(graph.evaluate(drawn.states()), diagnostics, trace);
    }
  }
}
