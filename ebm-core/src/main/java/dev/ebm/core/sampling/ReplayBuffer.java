package dev.ebm.core.sampling;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A replay buffer of persistent Markov chains (Du &amp; Mordatch 2019; Nijkamp et al.'s persistent
 * bank): a fixed-capacity graph variable, filled with fresh noise at the start. Each training step
 * {@linkplain #draw draws} a batch of distinct entries, replaces each with fresh noise with
 * probability {@code reinitProbability} (default 5 %), runs the chains from there, and {@linkplain
 * #write writes} the finished chains back to the same entries.
 *
 * <p>The contents are a variable, so checkpoints save them; the random choices come from a {@link
 * RandomStream} keyed by the training step, so a resumed run draws the same entries.
 *
 * <p>A buffer object is built into one step: it remembers the reads it has built ({@link #draw},
 * {@link #sample}), and {@link #write} waits for all of them, so that a step never reads entries
 * its own write has already replaced, whatever the op scheduling.
 *
 * @param <T> the element type
 */
public final class ReplayBuffer<T extends TFloating> {

  /**
   * Entries read from the buffer: the chains' starting points of a step, or samples to compare
   * against.
   *
   * @param entries the entries, {@code [n] + sampleShape}
   * @param indices which buffer entries they came from (distinct)
   */
  public record Draw<T extends TFloating>(Operand<T> entries, Operand<TInt32> indices) {}

  /** The default probability of restarting a chain from fresh noise. */
  public static final double DEFAULT_REINIT_PROBABILITY = 0.05;

  private final Variable<T> contents;
  private final int capacity;
  private final Shape sampleShape;
  private final double reinitProbability;
  private final ChainInit init;
  private final List<Operation> reads = new ArrayList<>();

  private ReplayBuffer(
      Variable<T> contents,
      int capacity,
      Shape sampleShape,
      double reinitProbability,
      ChainInit init) {
    this.contents = contents;
    this.capacity = capacity;
    this.sampleShape = sampleShape;
    this.reinitProbability = reinitProbability;
    this.init = init;
  }

  /**
   * Creates the buffer's variable in {@code graph} under {@code scope}, filled from {@code init}.
   *
   * @throws IllegalArgumentException for a capacity below 1 or a probability outside [0, 1]
   */
  public static <T extends TFloating> ReplayBuffer<T> create(
      ModelGraph<T> graph,
      String scope,
      Shape sampleShape,
      int capacity,
      double reinitProbability,
      ChainInit init) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "replay buffer capacity must be at least 1, got " + capacity);
    }
    if (!(reinitProbability >= 0 && reinitProbability <= 1)) {
      throw new IllegalArgumentException(
          "re-initialisation probability must be in [0, 1], got " + reinitProbability);
    }
    Shape shape = Shape.of(capacity).append(sampleShape);
    VariableSet<T> variables =
        graph.createVariables(
            scope, List.of(ParameterSpec.state("contents", shape, init.asInitializer())));
    return new ReplayBuffer<>(
        variables.variable("contents"), capacity, sampleShape, reinitProbability, init);
  }

  /** The number of entries. */
  public int capacity() {
    return capacity;
  }

  /** The variable holding the entries, {@code [capacity] + sampleShape}. */
  public Variable<T> contents() {
    return contents;
  }

  /**
   * Draws {@code batchSize} distinct entries uniformly at random, each replaced by fresh noise with
   * the re-initialisation probability.
   *
   * @throws IllegalArgumentException if the batch is larger than the buffer
   */
  public Draw<T> draw(Ops tf, int batchSize, RandomStream stream) {
    if (batchSize > capacity) {
      throw new IllegalArgumentException(
          "cannot draw " + batchSize + " distinct chains from a buffer of " + capacity);
    }
    Ops scope = tf.withSubScope("replay_draw");
    Class<T> type = contents.type();
    // The indices of the k largest of `capacity` uniform keys: k distinct entries, uniformly.
    Operand<T> keys =
        stream.child(scope, "entries").uniform(scope, scope.constant(new long[] {capacity}), type);
    Operand<TInt32> indices =
        scope.nn.topK(keys, scope.constant(batchSize), TInt32.class).indices();
    Operand<T> stored = scope.gather(contents, indices, scope.constant(0));
    reads.add(stored.op());
    Operand<TInt64> batchShape = scope.constant(Shape.of(batchSize).append(sampleShape).asArray());
    Operand<T> fresh = init.sample(scope, stream.child(scope, "noise"), batchShape, type);
    // One restart decision per chain, shaped [B, 1, …, 1] so that it broadcasts over the sample.
    long[] decisionShape = new long[sampleShape.numDimensions() + 1];
    java.util.Arrays.fill(decisionShape, 1L);
    decisionShape[0] = batchSize;
    Operand<TBool> restart =
        scope.math.less(
            stream.child(scope, "restart").uniform(scope, scope.constant(decisionShape), type),
            scope.constant(type, reinitProbability));
    return new Draw<>(scope.select(restart, fresh, stored), indices);
  }

  /**
   * Writes finished chains back to the entries they were drawn from, after every read of the buffer
   * built through this object so far.
   */
  public Op write(Ops tf, Draw<T> draw, Operand<T> finished) {
    return tf.withSubScope("replay_write")
        .withControlDependencyOps(List.copyOf(reads))
        .scatterUpdate(contents, draw.indices(), finished);
  }

  /**
   * {@code n} distinct entries chosen at random (e.g. to compare samples against), with the indices
   * they were read from (so that a chain's own entry can be told apart).
   *
   * @throws IllegalArgumentException if {@code n} exceeds the buffer
   */
  public Draw<T> sample(Ops tf, int n, RandomStream stream) {
    if (n > capacity) {
      throw new IllegalArgumentException(
          "cannot take " + n + " entries from a buffer of " + capacity);
    }
    Ops scope = tf.withSubScope("replay_sample");
    Operand<T> keys = stream.uniform(scope, scope.constant(new long[] {capacity}), contents.type());
    Operand<TInt32> indices = scope.nn.topK(keys, scope.constant(n), TInt32.class).indices();
    Operand<T> picked = scope.gather(contents, indices, scope.constant(0));
    reads.add(picked.op());
    return new Draw<>(picked, indices);
  }
}
