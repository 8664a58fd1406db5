package dev.ebm.core.graph;

import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSession;
import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.distributed.CrossTaskTraffic;
import dev.ebm.core.random.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.family.TFloating;

/**
 * One TensorFlow graph with the session that runs it, the floating-point type {@code T} of every
 * model tensor, the device its ops are placed on, and the root seed from which every random
 * component derives its own seed by name. Two graphs built the same way with the same seed produce
 * bit-identical results.
 *
 * <p>This is the only class that runs a session: graph-building code takes {@link #ops()} and
 * returns operands; callers run them with {@link #run}.
 *
 * <p>A graph on a cluster ({@link SessionOptions#onCluster}) keeps its variables on the placement's
 * parameter task and builds each of {@link #replicas()} replicas of a training step on a worker
 * task ({@link #onReplica}); its session opens on the first run, on the graph as built by then
 * ({@link ClusterSession}).
 *
 * @param <T> the floating-point type of model tensors ({@code TFloat32} or {@code TFloat64})
 */
public final class ModelGraph<T extends TFloating> implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ModelGraph.class.getName());

  private final Graph graph;
  private final Session session;
  private final Optional<ClusterPlacement> cluster;
  private ClusterSession clusterSession;
  private final DeviceSpec stateDevice;
  private final Ops baseOps;
  private Ops tf;
  private boolean repeating;

  /** The replica being built by {@link #onReplica}, -1 outside it. */
  private int replica = -1;

  private boolean sharingVariables;
  private final Class<T> type;
  private final long seed;
  private final SessionOptions options;
  private final Map<String, VariableSet<T>> variableSets = new HashMap<>();

  private ModelGraph(Class<T> type, long seed, SessionOptions options) {
    if (options.cluster().isEmpty()) {
      DeviceCheck.requireAvailable(options.device());
    }
    this.type = type;
    this.seed = seed;
    this.options = options;
    this.cluster = options.cluster();
    this.graph = new Graph();
    this.session = options.cluster().isEmpty() ? new Session(graph, options.toConfigProto()) : null;
    this.stateDevice =
        options
            .cluster()
            .map(c -> taskDevice(c.parameterTask(), Device.cpu()))
            .orElse(options.device().toDeviceSpec());
    this.baseOps = Ops.create(graph).withDevice(stateDevice);
    this.tf = baseOps;
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

  private static DeviceSpec taskDevice(ClusterSpec.Task task, Device device) {
    return DeviceSpec.newBuilder()
        .job(task.job())
        .task(task.index())
        .deviceType(
            device.kind() == Device.Kind.CPU
                ? DeviceSpec.DeviceType.CPU
                : DeviceSpec.DeviceType.GPU)
        .deviceIndex(device.index())
        .build();
  }

  /** The number of replicas a training step is split over: the cluster's workers, else 1. */
  public int replicas() {
    return cluster.map(ClusterPlacement::replicas).orElse(1);
  }

  /** The cluster placement, if this graph runs on a cluster. */
  public Optional<ClusterPlacement> cluster() {
    return cluster;
  }

  /**
   * Builds replica {@code index}'s share of a training step: while {@code body} runs, {@link
   * #ops()} places ops on that replica's worker (on a cluster), and {@link #createVariables} treats
   * two kinds of variables apart:
   *
   * <ul>
   *   <li>sets of trainable parameters (a learned log Z) are shared: created once, on the parameter
   *       task, by the first replica; every later replica gets them back with fresh reads on its
   *       own device;
   *   <li>sets that hold state (a replay buffer, persistent chains) belong to the replica: each
   *       replica creates its own, on its own worker, under {@code scope} for the first replica and
   *       {@code scope_replicaI} for replica I, so that each worker runs its own chains.
   * </ul>
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ index < replicas()}
   */
  public <R> R onReplica(int index, Supplier<R> body) {
    if (index < 0 || index >= replicas()) {
      throw new IllegalArgumentException(
          "replica " + index + " of " + replicas() + ": need 0 <= index < replicas()");
    }
    if (replica >= 0) {
      throw new IllegalStateException("onReplica does not nest");
    }
    Ops outside = tf;
    boolean sharingOutside = sharingVariables;
    replica = index;
    sharingVariables = sharingOutside || index > 0;
    if (cluster.isPresent()) {
      tf = tf.withDevice(taskDevice(cluster.get().replicaTasks().get(index), options.device()));
    }
    try {
      return body.get();
    } finally {
      tf = outside;
      sharingVariables = sharingOutside;
      replica = -1;
    }
  }

  /**
   * The op builder for this graph, placed on this graph's device (inside {@link #repeatAfter}, its
   * ops also wait for that call's dependencies).
   */
  public Ops ops() {
    return tf;
  }

  /**
   * Builds another copy of graph code that was built before, to run after {@code dependencies}:
   * while {@code body} runs, every op made by {@link #ops()} (and by the builders derived from it)
   * waits for {@code dependencies}, and {@link #createVariables} returns the variables first
   * created under a scope, with fresh reads made inside this copy, instead of refusing the scope.
   * This is how a training program repeats its step K times in one graph: each copy reads the
   * variables the previous copy updated, exactly as K separate runs of one copy would.
   */
  public <R> R repeatAfter(List<Op> dependencies, Supplier<R> body) {
    if (repeating) {
      throw new IllegalStateException("repeatAfter does not nest");
    }
    if (replica >= 0) {
      throw new IllegalStateException("repeatAfter goes outside onReplica, not inside");
    }
    repeating = true;
    sharingVariables = true;
    tf = baseOps.withControlDependencies(dependencies);
    try {
      return body.get();
    } finally {
      tf = baseOps;
      repeating = false;
      sharingVariables = false;
    }
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

  /** The session options this graph runs with. */
  public SessionOptions sessionOptions() {
    return options;
  }

  /**
   * Creates one variable per spec under the name scope {@code scope}, each initialised from the
   * seed derived from this graph's seed, the scope and the parameter name.
   *
   * @throws IllegalArgumentException if the scope is already used in this graph (outside {@link
   *     #repeatAfter} and {@link #onReplica}'s sharing, or there with other specs)
   */
  public VariableSet<T> createVariables(String scope, List<ParameterSpec> specs) {
    boolean replicaState = replica >= 0 && specs.stream().anyMatch(s -> !s.isTrainable());
    String name = replicaState && replica > 0 ? scope + "_replica" + replica : scope;
    VariableSet<T> existing = variableSets.get(name);
    if (existing != null) {
      boolean shared = replicaState ? repeating : sharingVariables;
      if (!shared || !sameLayout(existing.specs(), specs)) {
        throw new IllegalArgumentException(
            "variable scope '" + name + "' is already used in this graph; choose another name");
      }
      return existing.withFreshReads(tf);
    }
    VariableSet<T> created =
        new VariableSet<>(replicaState ? tf : variableOps(), name, specs, type, seed);
    variableSets.put(name, created);
    return created;
  }

  /** The builder of new variables: {@link #ops()}, on the parameter task of a cluster. */
  private Ops variableOps() {
    return cluster.isPresent() ? tf.withDevice(stateDevice) : tf;
  }

  /** Whether two declarations name the same parameters with the same shapes and roles. */
  private static boolean sameLayout(List<ParameterSpec> a, List<ParameterSpec> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ParameterSpec x = a.get(i);
      ParameterSpec y = b.get(i);
      if (!x.name().equals(y.name()) || !x.shape().equals(y.shape()) || x.role() != y.role()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Creates variables under {@code scope} with the same specs and initial values as {@code source}:
   * an exponential moving average starts where the parameters start.
   */
  public VariableSet<T> createVariablesLike(String scope, VariableSet<T> source) {
    if (variableSets.containsKey(scope)) {
      throw new IllegalArgumentException(
          "variable scope '" + scope + "' is already used in this graph; choose another name");
    }
    VariableSet<T> created =
        new VariableSet<>(variableOps(), scope, source.specs(), source.initialValues());
    variableSets.put(scope, created);
    return created;
  }

  /** A placeholder of this graph's type with the given shape (-1 for an unknown dimension). */
  public Placeholder<T> placeholder(String name, Shape shape) {
    return tf.withName(name).placeholder(type, Placeholder.shape(shape));
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
    Session.Runner runner = runner(feeds, fetches, targets);
    try {
      return new Fetched(runner.run());
    } catch (TensorFlowException e) {
      throw cluster.isPresent() ? cluster.get().failure(e) : e;
    }
  }

  private Session.Runner runner(
      Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    if (cluster.isPresent()) {
      return clusterSession().runner(feeds.asMap(), fetches, targets);
    }
    Session.Runner runner = session.runner();
    for (Map.Entry<Operand<?>, Tensor> feed : feeds.asMap().entrySet()) {
      runner.feed(feed.getKey(), feed.getValue());
    }
    fetches.forEach(runner::fetch);
    targets.forEach(runner::addTarget);
    return runner;
  }

  /**
   * The cluster session, opened on the graph as built so far at the first run.
   *
   * @throws IllegalStateException if ops were added after it opened
   */
  private ClusterSession clusterSession() {
    ClusterPlacement placement = cluster.orElseThrow();
    if (clusterSession == null) {
      clusterSession =
          ClusterSession.open(
              graph,
              placement.target(),
              "/job:"
                  + placement.parameterTask().job()
                  + "/task:"
                  + placement.parameterTask().index(),
              // Variables belong to this session: another client's graph of other shapes, run on
              // the same servers before, must not be found by name.
              options.toConfigProto().toBuilder().setIsolateSessionState(true).build());
    } else if (clusterSession.isStale()) {
      throw new IllegalStateException(
          "ops were added to a graph that already runs on the cluster; build the whole graph"
              + " before its first run");
    }
    return clusterSession;
  }

  /**
   * Runs the graph once like {@link #run(Feeds, List, List)}, with TensorFlow's full trace on, and
   * returns its step statistics grouped by op type (the fetched tensors are closed).
   */
  public RunProfile runProfiled(
      Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    Session.Runner runner = runner(feeds, fetches, targets);
    runner.setOptions(
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
    try (Result result = runner.runAndFetchMetadata()) {
      RunMetadata metadata =
          result
              .getMetadata()
              .orElseThrow(() -> new IllegalStateException("TensorFlow returned no run metadata"));
      return RunProfile.of(metadata.getStepStats());
    }
  }

  /**
   * The bytes one call with these fetches and targets sends between the cluster's tasks; empty for
   * a graph that runs in this process.
   */
  public Optional<CrossTaskTraffic> crossTaskTraffic(
      List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    return cluster.isPresent()
        ? Optional.of(clusterSession().traffic(fetches, targets))
        : Optional.empty();
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
    if (cluster.isPresent()) {
      clusterSession().initialize();
    } else {
      session.initialize();
    }
  }

  /**
   * Writes every variable of the graph to the TensorFlow checkpoint {@code prefix} (files {@code
   * prefix.index} and {@code prefix.data-*}).
   */
  public void saveVariables(Path prefix) {
    if (cluster.isPresent()) {
      // The master's process writes the files, from its own working directory.
      clusterSession().save(prefix.toAbsolutePath().toString());
    } else {
      session.initialize();
      session.save(prefix.toString());
    }
  }

  /** Restores every variable of the graph from the checkpoint {@code prefix}. */
  public void restoreVariables(Path prefix) {
    if (cluster.isPresent()) {
      clusterSession().restore(prefix.toAbsolutePath().toString());
    } else {
      session.restore(prefix.toString());
    }
  }

  /**
   * Exports this graph and the current values of its variables as a SavedModel with the given
   * signatures (the first is also {@code serving_default}).
   */
  public void exportSavedModel(Path directory, List<Signature> signatures) throws IOException {
    if (cluster.isPresent()) {
      throw new UnsupportedOperationException(
          "a graph on a cluster is not exported; export the run's checkpoint (ebm export)");
    }
    session.initialize();
    SavedModelBundle.Exporter exporter =
        SavedModelBundle.exporter(directory.toString()).withSession(session);
    for (Signature signature : signatures) {
      exporter = exporter.withSignature(signature);
    }
    exporter.export();
  }

  @Override
  public void close() {
    if (clusterSession != null) {
      clusterSession.close();
    }
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
