package dev.ebm.methods;

import dev.ebm.core.graph.Parameters;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.ReplayBuffer;
import dev.ebm.core.sampling.Sampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The negative-phase chains of maximum-likelihood training: where they start ({@link ChainSource}),
 * the transition applied to the starts, the Langevin sampler that runs them inside the training
 * step's one {@code Session.run}, and the write-back of finished chains to a buffer.
 *
 * @param source where chains start
 * @param sampler the chain that moves the starts (Langevin by default: K, ε, τ, clipping, clamping;
 *     any {@link dev.ebm.core.sampling.SamplerProvider} sampler by name)
 * @param init the noise that fresh chains start from
 * @param bufferCapacity the replay buffer's size ({@link ChainSource#REPLAY}), or the bank of
 *     persistent chains that each step draws a batch from ({@link ChainSource#PERSISTENT}; 0: one
 *     batch, every chain stepping every time)
 * @param reinitProbability the probability of restarting a replayed chain from noise
 * @param transition applied to the starts before sampling
 */
public record LangevinChains(
    ChainSource source,
    Sampler sampler,
    ChainInit init,
    int bufferCapacity,
    double reinitProbability,
    ChainTransition transition) {

  /** A batch of chain starts and where to write the finished chains back. */
  record Starts<T extends TFloating>(
      Operand<T> states, Optional<ReplayBuffer<T>> buffer, Optional<ReplayBuffer.Draw<T>> draw) {

    /** The op that stores finished chains back in the buffer, if there is one. */
    List<Op> writeBack(Ops tf, Operand<T> finished) {
      return buffer.isPresent() ? List.of(buffer.get().write(tf, draw.get(), finished)) : List.of();
    }
  }

  /** Draws this step's chain starts (the buffer, if any, is created in the context's graph). */
  <T extends TFloating> Starts<T> start(TrainingContext<T> context, String methodName) {
    Ops tf = context.tf();
    RandomStream stream = context.random().child(tf, "chain_starts");
    Starts<T> raw =
        switch (source) {
          case DATA ->
              new Starts<>(tf.stopGradient(context.data()), Optional.empty(), Optional.empty());
          case NOISE ->
              new Starts<>(
                  init.sample(tf, stream, BatchOps.shapeOf(tf, context.data()), context.type()),
                  Optional.empty(),
                  Optional.empty());
          case PERSISTENT, REPLAY -> fromBuffer(context, methodName, stream);
        };
    Operand<T> transformed =
        transition.apply(tf, raw.states(), context.random().child(tf, "transition"));
    return new Starts<>(transformed, raw.buffer(), raw.draw());
  }

  /** Runs the chains' sampler from {@code starts} with the detached parameters. */
  <T extends TFloating> Operand<T> run(TrainingContext<T> context, Operand<T> starts) {
    return run(context, starts, sampler);
  }

  /** Runs {@code chain} (e.g. this sampler with fewer steps) from {@code starts}, detached. */
  <T extends TFloating> Operand<T> run(
      TrainingContext<T> context, Operand<T> starts, Sampler chain) {
    Ops tf = context.tf();
    Parameters<T> detached = context.samplingParameters();
    return tf.stopGradient(
        chain.sample(
            tf, context.model(), detached, starts, context.random().child(tf, "langevin")));
  }

  /** For provenance. */
  Map<String, Object> describe() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("chains", source.name().toLowerCase(java.util.Locale.ROOT));
    c.put("sampler", sampler.describe());
    c.put("init", init.toString());
    if (source == ChainSource.REPLAY) {
      c.put("buffer", bufferCapacity);
      c.put("reinit", reinitProbability);
    }
    if (source == ChainSource.PERSISTENT && bufferCapacity > 0) {
      c.put("bank", bufferCapacity);
    }
    return c;
  }

  private <T extends TFloating> Starts<T> fromBuffer(
      TrainingContext<T> context, String methodName, RandomStream stream) {
    int batch = context.batchSize();
    boolean persistent = source == ChainSource.PERSISTENT;
    int capacity = persistent && bufferCapacity == 0 ? batch : bufferCapacity;
    if (capacity < batch) {
      throw new IllegalArgumentException(
          (persistent ? "the bank of persistent chains (" : "the replay buffer (")
              + capacity
              + " entries) must hold at least one batch ("
              + batch
              + "); raise "
              + (persistent ? "bank=" : "buffer="));
    }
    ReplayBuffer<T> buffer =
        ReplayBuffer.create(
            context.graph(),
            methodName + "_chains",
            context.model().sampleShape(),
            capacity,
            persistent ? 0.0 : reinitProbability,
            init);
    ReplayBuffer.Draw<T> draw = buffer.draw(context.tf(), batch, stream);
    return new Starts<>(draw.entries(), Optional.of(buffer), Optional.of(draw));
  }
}
