package dev.ebm.core.sampling;

import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Another sampler's chains split into {@code parts} groups, each group an independent chain loop
 * with its own noise, so that TensorFlow's inter-op pool runs the groups side by side (with one
 * intra-op thread per group, each core runs one group): {@code x0 = [x0⁽¹⁾; …; x0⁽ⁿ⁾]} (along the
 * chain axis, the first {@code B mod n} groups one chain larger) and {@code x_K = [S(x0⁽¹⁾, z⁽¹⁾);
 * …; S(x0⁽ⁿ⁾, z⁽ⁿ⁾)]}, where group i draws its noise from the stream's child {@code part<i>}.
 * Chains are independent of one another, so this is the same Markov chain as the unsplit sampler's;
 * only the noise draws differ. A scalar diagnostic is the chain-weighted mean of the groups' (exact
 * for means over chains, such as an acceptance rate); a trace is concatenated along the chain axis.
 *
 * <p>It pays when one group's ops are too small for two threads to share (chains of a small MLP);
 * the chain axis of {@code x0} must have a static size.
 *
 * @param sampler the sampler each group runs
 * @param parts the number of groups n
 */
public record SplitChains(Sampler sampler, int parts) implements Sampler {

  public SplitChains {
    if (sampler == null) {
      throw new IllegalArgumentException("the sampler to split must not be null");
    }
    if (parts < 1) {
      throw new IllegalArgumentException("chains split into at least 1 part, got " + parts);
    }
  }

  @Override
  public <T extends TFloating> Operand<T> sample(
      Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream) {
    return sampleWithDiagnostics(tf, model, parameters, x0, stream, 0).states();
  }

  @Override
  public <T extends TFloating> Chains<T> sampleWithDiagnostics(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream,
      int traceLength) {
    long chains = x0.shape().numDimensions() > 0 ? x0.shape().get(0) : -1;
    if (chains < parts) {
      throw new IllegalArgumentException(
          "splitting chains into "
              + parts
              + " parts needs at least that many chains with a static count, got "
              + x0.shape()
              + "; use fewer parts or more chains");
    }
    long[] sizes = new long[parts];
    for (int i = 0; i < parts; i++) {
      sizes[i] = chains / parts + (i < chains % parts ? 1 : 0);
    }
    List<Output<T>> starts =
        tf.splitV(x0, tf.constant(sizes), tf.constant(0), (long) parts).output();
    List<Operand<T>> states = new ArrayList<>();
    List<Operand<T>> traces = new ArrayList<>();
    Map<String, Operand<T>> diagnostics = new LinkedHashMap<>();
    for (int i = 0; i < parts; i++) {
      Chains<T> part =
          sampler.sampleWithDiagnostics(
              tf.withSubScope("part" + i),
              model,
              parameters,
              starts.get(i),
              stream.child(tf, "part" + i),
              traceLength);
      states.add(part.states());
      part.trace().ifPresent(traces::add);
      Operand<T> weight = tf.constant(x0.type(), (double) sizes[i] / chains);
      part.diagnostics()
          .forEach(
              (name, value) ->
                  diagnostics.merge(name, tf.math.mul(weight, value), (a, b) -> tf.math.add(a, b)));
    }
    Optional<Operand<T>> trace =
        traces.size() == parts ? Optional.of(tf.concat(traces, tf.constant(1))) : Optional.empty();
    return new Chains<>(tf.concat(states, tf.constant(0)), diagnostics, trace);
  }

  @Override
  public String describe() {
    return sampler.describe() + ", chains split into " + parts + " groups run side by side";
  }
}
