package dev.ebm.core.graph;

import dev.ebm.core.distributed.ClusterSession;
import dev.ebm.core.distributed.CrossTaskTraffic;
import dev.ebm.core.random.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TFloating;

/**
 * One TensorFlow graph with the session that runs it, the floating-point type {@code T} of every
 * model tensor, the device its ops are placed on, and the root seed from which every random
 * component derives its own seed by name. Two graphs built the same way with the same seed produce
 * bit-identical results.
 *
 * <p>Graph-building code takes {@link #ops()} and returns operands; callers run them with {@link
 * #run}. This class composes the package's parts, one job each: {@code SessionRunner} runs the
 * session (the only class that does), {@code ReplicaPlacement} places ops, {@code VariableRegistry}
 * creates variables and decides which are shared, {@code VariableCheckpoint} saves and restores
 * them, {@code SavedModelWriter} exports the graph.
 *
 * <p>A graph on a cluster ({@link SessionOptions#onCluster}) keeps its variables on the placement's
 * parameter task and builds each of {@link #replicas()} replicas of a training step on a worker
 * task ({@link #onReplica}); its session ({@link ClusterSession}) opens on the first run.
 *
 * @param <T> the floating-point type of model tensors ({@code TFloat32} or {@code TFloat64})
 */
public final class ModelGraph<T extends TFloating> implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ModelGraph.class.getName());

  private final Graph graph;
  private final Class<T> type;
  private final long seed;
  private final SessionOptions options;
  private final SessionRunner runner;
  private final ReplicaPlacement placement;
  private final VariableRegistry<T> variables;
  private final VariableCheckpoint checkpoint;
  private final SavedModelWriter savedModel;

  private ModelGraph(Class<T> type, long seed, SessionOptions options) {
    if (options.cluster().isEmpty()) {
      DeviceCheck.requireAvailable(options.device());
    }
    this.type = type;
    this.seed = seed;
    this.options = options;
    this.graph = new Graph();
    this.runner = new SessionRunner(graph, options);
    this.placement = new ReplicaPlacement(graph, options);
    this.variables = new VariableRegistry<>(placement, type, seed);
    this.checkpoint = new VariableCheckpoint(runner, options.cluster().isPresent());
    this.savedModel = new SavedModelWriter(runner);
    LOG.log(
        System.Logger.Level.DEBUG,
        "model graph on {0} ({1}, seed {2})",
        options.device(),
        type.getSimpleName(),
        seed);
  }

  /** A graph of element type {@code type} on the CPU with default session options. */
  public static <T extends TFloating> ModelGraph<T> create(Class<T> type, long seed) {
    return create(type, seed, SessionOptions.defaults());
  }

  /**
   * A graph of element type {@code type} with the given session options. On a cluster ({@link
   * SessionOptions#cluster()}) the variables live on the placement's parameter task (its CPU) and
   * replicas run on the worker tasks' {@code options.device()}; the tasks' servers must be running
   * when the graph first runs.
   *
   * @throws IllegalStateException if the requested GPU is not there, naming the devices that are
   */
  public static <T extends TFloating> ModelGraph<T> create(
      Class<T> type, long seed, SessionOptions options) {
    return new ModelGraph<>(type, seed, options);
  }

  /** The number of replicas a training step is split over: the cluster's workers, else 1. */
  public int replicas() {
    return placement.replicas();
  }

  /**
   * Builds replica {@code index}'s share of a training step: while {@code body} runs, {@link
   * #ops()} places ops on that replica's worker (on a cluster), and {@link #createVariables} shares
   * trainable parameters between replicas but gives each replica its own state.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ index < replicas()}
   */
  public <R> R onReplica(int index, Supplier<R> body) {
    return placement.onReplica(index, body);
  }

  /**
   * The op builder for this graph, placed on this graph's device (inside {@link #repeatAfter}, its
   * ops also wait for that call's dependencies).
   */
  public Ops ops() {
    return placement.ops();
  }

  /**
   * Builds another copy of graph code that was built before, to run after {@code dependencies}:
   * while {@code body} runs, every op made by {@link #ops()} waits for {@code dependencies}, and
   * {@link #createVariables} returns the variables first created under a scope, with fresh reads,
   * instead of refusing the scope. A training program repeats its step K times this way.
   */
  public <R> R repeatAfter(List<Op> dependencies, Supplier<R> body) {
    return placement.repeatAfter(dependencies, body);
  }

  /** The underlying TensorFlow graph (for autodiff, which adds gradient ops to it). */
  public Graph graph() {
    return graph;
  }

  /** The floating-point type of model tensors. */
  public Class<T> type() {
    return type;
  }

  /** The root seed. */
  public long seed() {
    return seed;
  }

  /** The seed of the named component, derived from the root seed. */
  public long seed(String component) {
    return Seeds.derive(seed, component);
  }

  /** The device the ops are placed on. */
  public Device device() {
    return options.device();
  }

  /**
   * Creates one variable per spec under the name scope {@code scope}, each initialised from the
   * seed derived from this graph's seed, the scope and the parameter name.
   *
   * @throws IllegalArgumentException if the scope is already used in this graph (outside {@link
   *     #repeatAfter} and {@link #onReplica}'s sharing, or there with other specs)
   */
  public VariableSet<T> createVariables(String scope, List<ParameterSpec> specs) {
    return variables.create(scope, specs);
  }

  /**
   * Creates variables under {@code scope} with the same specs and initial values as {@code source}:
   * an exponential moving average starts where the parameters start.
   */
  public VariableSet<T> createVariablesLike(String scope, VariableSet<T> source) {
    return variables.createLike(scope, source);
  }

  /** A placeholder of this graph's type with the given shape (-1 for an unknown dimension). */
  public Placeholder<T> placeholder(String name, Shape shape) {
    return ops().withName(name).placeholder(type, Placeholder.shape(shape));
  }

  /** A tensor of this graph's type holding {@code values}; the caller closes it. */
  public T tensor(Shape shape, double[] values) {
    return TensorIO.tensor(type, shape, values);
  }

  /**
   * Runs the graph once: feeds the placeholders, runs the targets, and returns the fetched tensors
   * (which the caller closes). Variables are initialised on the first run.
   */
  public Fetched run(Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    return runner.run(feeds, fetches, targets);
  }

  /**
   * Runs the graph once like {@link #run(Feeds, List, List)}, with TensorFlow's full trace on, and
   * returns its step statistics grouped by op type (the fetched tensors are closed).
   */
  public RunProfile runProfiled(
      Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    return runner.runProfiled(feeds, fetches, targets);
  }

  /**
   * The bytes one call with these fetches and targets sends between the cluster's tasks; empty for
   * a graph that runs in this process.
   */
  public Optional<CrossTaskTraffic> crossTaskTraffic(
      List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    return runner.crossTaskTraffic(fetches, targets);
  }

  /** Runs the graph once for its effects only. */
  public void run(Feeds feeds, List<? extends Op> targets) {
    // Nothing is fetched; the result only needs closing.
    run(feeds, List.of(), targets).close();
  }

  /** Evaluates one operand with the given feeds and returns its elements as doubles. */
  public double[] evaluate(Operand<?> output, Feeds feeds) {
    try (Fetched fetched = run(feeds, List.of(output), List.of())) {
      return fetched.doubles(0);
    }
  }

  /** Evaluates one operand that needs no feeds. */
  public double[] evaluate(Operand<?> output) {
    try (Feeds none = Feeds.none()) {
      return evaluate(output, none);
    }
  }

  /** Runs the initialisers of every variable created so far that has not been initialised. */
  public void initialize() {
    runner.initialize();
  }

  /**
   * Writes every variable of the graph to the TensorFlow checkpoint {@code prefix} (files {@code
   * prefix.index} and {@code prefix.data-*}).
   */
  public void saveVariables(Path prefix) {
    checkpoint.save(prefix);
  }

  /** Restores every variable of the graph from the checkpoint {@code prefix}. */
  public void restoreVariables(Path prefix) {
    checkpoint.restore(prefix);
  }

  /**
   * Exports this graph and the current values of its variables as a SavedModel with the given
   * signatures.
   *
   * @throws UnsupportedOperationException for a graph on a cluster: export the run's checkpoint
   */
  public void exportSavedModel(Path directory, List<Signature> signatures) throws IOException {
    savedModel.write(directory, signatures);
  }

  @Override
  public void close() {
    runner.close();
    graph.close();
  }
}
