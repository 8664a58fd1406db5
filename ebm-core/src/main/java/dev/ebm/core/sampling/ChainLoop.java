package dev.ebm.core.sampling;

import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.WhileLoopSubgraphs;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * Builds {@code steps} iterations of a Markov chain as one TensorFlow while loop, so that a whole
 * chain runs inside a single {@code Session.run}; every sampler's loop is built here (Langevin,
 * annealed Langevin, MALA, HMC, annealed importance sampling).
 *
 * <p>A while-loop body is built in a graph of its own that cannot see the outer graph, so the
 * model's parameters, the random key and counter enter as loop variables; the body gets copies of
 * them to rebuild the energy from (the parameters pass through unchanged). The chain's own state is
 * a list of tensors of fixed shapes (the samples, and whatever a sampler carries: energies,
 * gradients, acceptance counts, a step size). The loop is preferred to unrolling because its graph
 * stays the size of one iteration whatever the chain length. Once built, the loop's condition and
 * body graphs are removed from TensorFlow Java's graph registry ({@link WhileLoopSubgraphs}: left
 * there, they make a later graph's gradients fail at a moment chosen by the garbage collector).
 */
public final class ChainLoop {

  /** One iteration of a chain. */
  @FunctionalInterface
  public interface Body<T extends TFloating> {

    /**
     * The state after iteration {@code i}, in the order and shapes of {@code state}.
     *
     * @param b the body graph's ops
     * @param i the iteration, from 0
     * @param state the state before it
     * @param parameters the model's parameters, as seen inside the loop
     * @param stream this iteration's random stream
     */
    List<Operand<?>> next(
        Ops b,
        Operand<TInt32> i,
        List<Operand<?>> state,
        Parameters<T> parameters,
        RandomStream stream);
  }

  private static final int FIXED_INPUTS = 3;

  private ChainLoop() {}

  /**
   * The state after {@code steps} iterations of {@code body} from {@code initial}.
   *
   * @param name the loop's name in the graph
   */
  public static <T extends TFloating> List<Operand<?>> run(
      Ops tf,
      Parameters<T> parameters,
      RandomStream stream,
      int steps,
      List<Operand<?>> initial,
      Body<T> body,
      String name) {
    if (steps < 1) {
      throw new IllegalArgumentException("a chain needs at least one step, got " + steps);
    }
    List<String> names = parameters.names();
    List<Shape> parameterShapes = parameters.values().stream().map(Operand::shape).toList();
    List<Shape> stateShapes = initial.stream().map(Operand::shape).toList();
    int stateStart = FIXED_INPUTS + names.size();
    List<Output<?>> inputs = new ArrayList<>();
    inputs.add(tf.constant(0).asOutput());
    inputs.add(stream.key().asOutput());
    inputs.add(stream.counter().asOutput());
    for (Operand<T> p : parameters.values()) {
      // A stop-gradient both reads ref-typed variables (which cannot enter a loop) and keeps the
      // loop out of parameter gradients: TensorFlow cannot differentiate into a while loop, and
      // chain samples are constants to every training objective.
      inputs.add(tf.stopGradient(p).asOutput());
    }
    for (Operand<?> s : initial) {
      inputs.add(s.asOutput());
    }
    Graph graph = (Graph) tf.scope().env();
    List<Graph> subgraphs = new ArrayList<>();
    Output<?>[] outputs =
        graph.whileLoop(
            inputs.toArray(new Output<?>[0]),
            (condGraph, in, out) -> {
              subgraphs.add(condGraph);
              Ops c = Ops.create(condGraph);
              out[0] = c.math.less(ChainLoop.<TInt32>cast(in[0]), c.constant(steps)).asOutput();
            },
            (bodyGraph, in, out) -> {
              subgraphs.add(bodyGraph);
              Ops b = Ops.create(bodyGraph);
              Operand<TInt32> i = cast(in[0]);
              List<Operand<T>> values = new ArrayList<>();
              for (int k = 0; k < names.size(); k++) {
                values.add(b.ensureShape(cast(in[FIXED_INPUTS + k]), parameterShapes.get(k)));
              }
              List<Operand<?>> state = new ArrayList<>();
              for (int k = 0; k < stateShapes.size(); k++) {
                state.add(
                    b.ensureShape(ChainLoop.<TType>cast(in[stateStart + k]), stateShapes.get(k)));
              }
              RandomStream loopStream =
                  RandomStream.of(ChainLoop.<TInt64>cast(in[1]), ChainLoop.<TInt64>cast(in[2]))
                      .atIteration(b, i);
              List<Operand<?>> next =
                  body.next(b, i, state, Parameters.of(names, values), loopStream);
              if (next.size() != stateShapes.size()) {
                throw new IllegalStateException(
                    "a chain's body returned " + next.size() + " states for " + stateShapes.size());
              }
              out[0] = b.math.add(i, b.constant(1)).asOutput();
              for (int k = 1; k < stateStart; k++) {
                out[k] = in[k];
              }
              for (int k = 0; k < next.size(); k++) {
                out[stateStart + k] = next.get(k).asOutput();
              }
            },
            tf.scope().makeOpName(name));
    subgraphs.forEach(WhileLoopSubgraphs::forget);
    List<Operand<?>> last = new ArrayList<>();
    for (int k = 0; k < stateShapes.size(); k++) {
      last.add(tf.ensureShape(ChainLoop.<TType>cast(outputs[stateStart + k]), stateShapes.get(k)));
    }
    return last;
  }

  /** A state or loop input at the type its sampler knows it has. */
  @SuppressWarnings("unchecked")
  public static <U extends TType> Operand<U> cast(Operand<?> operand) {
    return (Operand<U>) operand;
  }
}
