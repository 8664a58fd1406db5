package dev.ebm.core.graph;

import dev.ebm.core.distributed.ClusterFailureException;
import dev.ebm.core.distributed.ClusterHeartbeat;
import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSession;
import dev.ebm.core.distributed.CrossTaskTraffic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Runs one graph: feeds its placeholders, fetches outputs, runs targets and initialises variables,
 * in a session of this process or, on a cluster, in a {@link ClusterSession} opened at the first
 * run on the graph as built by then. It is the only class that holds a session: {@link
 * VariableCheckpoint} and {@link SavedModelWriter} write and read variables through it.
 *
 * <p>On a cluster, the run's {@link ClusterHeartbeat} starts with the runner (so that the tasks
 * know the run is alive while its graph is built) and ends with it: closing tells every task that
 * the run ended, or, after a {@link dev.ebm.core.distributed.ClusterFailureException}, that it
 * stopped, so that each ends.
 */
final class SessionRunner implements AutoCloseable {

  private final Graph graph;
  private final SessionOptions options;
  private final Optional<Session> local;
  private final Optional<ClusterHeartbeat> heartbeat;
  private Optional<ClusterSession> cluster = Optional.empty();

  /** A runner of {@code graph}; a local graph's session opens now, a cluster's at the first run. */
  SessionRunner(Graph graph, SessionOptions options) {
    this.graph = graph;
    this.options = options;
    this.local =
        options.cluster().isEmpty()
            ? Optional.of(new Session(graph, options.toConfigProto()))
            : Optional.empty();
    this.heartbeat =
        options
            .cluster()
            .map(placement -> ClusterHeartbeat.start(placement, options.clusterTimeouts()));
  }

  /**
   * Runs the graph once: feeds the placeholders, runs the targets, and returns the fetched tensors
   * (which the caller closes). Variables are initialised on the first run.
   */
  Fetched run(Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    if (local.isEmpty()) {
      return new Fetched(
          clusterSession().run(feeds.asMap(), fetches, targets, RunOptions.getDefaultInstance()));
    }
    return new Fetched(localRunner(feeds, fetches, targets).run());
  }

  private Session.Runner localRunner(
      Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    Session.Runner runner = local.get().runner();
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
    ClusterPlacement placement = options.cluster().orElseThrow();
    if (cluster.isEmpty()) {
      cluster =
          Optional.of(
              ClusterSession.open(
                  graph,
                  placement,
                  heartbeat.orElseThrow(),
                  // Variables belong to this session: another client's graph of other shapes, run
                  // on the same servers before, must not be found by name.
                  options.toConfigProto().toBuilder().setIsolateSessionState(true).build()));
    } else if (cluster.get().isStale()) {
      throw new IllegalStateException(
          "ops were added to a graph that already runs on the cluster; build the whole graph"
              + " before its first run");
    }
    return cluster.get();
  }

  /**
   * Runs the graph once like {@link #run}, with TensorFlow's full trace on, and returns its step
   * statistics grouped by op type (the fetched tensors are closed).
   */
  RunProfile runProfiled(
      Feeds feeds, List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    RunOptions trace =
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    try (Result result =
        local.isEmpty()
            ? clusterSession().run(feeds.asMap(), fetches, targets, trace)
            : localRunner(feeds, fetches, targets).setOptions(trace).runAndFetchMetadata()) {
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
  Optional<CrossTaskTraffic> crossTaskTraffic(
      List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    return local.isEmpty()
        ? Optional.of(clusterSession().traffic(fetches, targets))
        : Optional.empty();
  }

  /** Runs the initialisers of every variable created so far that has not been initialised. */
  void initialize() {
    if (local.isEmpty()) {
      clusterSession().initialize();
    } else {
      local.get().initialize();
    }
  }

  /**
   * Initialises the variables not yet initialised and writes every variable to the TensorFlow
   * checkpoint {@code prefix}, as the session's process resolves it.
   */
  void save(String prefix) {
    if (local.isEmpty()) {
      clusterSession().save(prefix);
    } else {
      local.get().initialize();
      local.get().save(prefix);
    }
  }

  /** Restores every variable from the TensorFlow checkpoint {@code prefix}. */
  void restore(String prefix) {
    if (local.isEmpty()) {
      clusterSession().restore(prefix);
    } else {
      local.get().restore(prefix);
    }
  }

  /**
   * A SavedModel exporter into {@code directory} that saves this process's session, with every
   * variable initialised.
   *
   * @throws UnsupportedOperationException on a cluster, whose variables live in other processes
   */
  SavedModelBundle.Exporter exporter(Path directory) {
    Session session =
        local.orElseThrow(
            () ->
                new UnsupportedOperationException(
                    "a graph on a cluster is not exported; export the run's checkpoint (ebm"
                        + " export)"));
    session.initialize();
    return SavedModelBundle.exporter(directory.toString()).withSession(session);
  }

  @Override
  public void close() {
    try {
      cluster.ifPresent(ClusterSession::close);
      local.ifPresent(Session::close);
    } finally {
      heartbeat.ifPresent(
          h ->
              h.close(
                  cluster.flatMap(ClusterSession::failure).map(ClusterFailureException::problem)));
    }
  }
}
