package dev.ebm.core.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunOptions;

/**
 * Runs a built graph on a cluster, within bounded time. The session runs a copy of the graph in
 * which every op has a device ({@link UnplacedOps}): ops keep the devices they were built with, and
 * the ops TensorFlow's gradients created without one follow their neighbours. Feeds, fetches and
 * targets of the built graph are run in the copy by name. The copy is made when the session opens,
 * so ops added to the built graph afterwards cannot run; {@link #isStale} says when that happened.
 *
 * <p>Variables live in the tasks' servers, not in this process: the session's initialisers, or a
 * restore, give them their values, as in a local session.
 *
 * <p><b>Bounded calls.</b> Every call carries TensorFlow's {@code RunOptions.timeout_in_ms}: the
 * call timeout, or for the first call of each kind (which partitions the graph) the setup timeout;
 * the session's own calls (initialisers, save, restore, close) get the setup timeout through {@code
 * ConfigProto.operation_timeout_in_ms}. A call runs on a thread of its own while the caller watches
 * the {@link ClusterHeartbeat}: when a task the call needs falls silent, the caller gives the call
 * up at once (it ends by its timeout, unseen) and throws. Every failure — a task lost, a silent
 * task, a call that failed or timed out — becomes a {@link ClusterFailureException} naming the
 * tasks, and is remembered ({@link #failure()}); a session whose call was given up refuses further
 * calls.
 */
public final class ClusterSession implements AutoCloseable {

  /** The longest the caller waits between two looks at the heartbeat during a call. */
  private static final long WATCH_MILLIS = 100;

  private final Graph built;
  private final Graph placed;
  private final Session session;
  private final int builtOps;
  private final GraphDef definition;
  private final ClusterPlacement placement;
  private final ClusterHeartbeat heartbeat;
  private final List<ClusterSpec.Task> allTasks;
  private final Set<ClusterSpec.Task> stateTasks;
  private final Set<String> kindsRun = new HashSet<>();
  private final ExecutorService caller;

  // Guarded by this.
  private Optional<ClusterFailureException> failure = Optional.empty();
  private boolean abandoned;
  private boolean callRunning;
  private boolean closed;

  private ClusterSession(
      Graph built,
      Graph placed,
      Session session,
      GraphDef definition,
      ClusterPlacement placement,
      ClusterHeartbeat heartbeat) {
    this.built = built;
    this.placed = placed;
    this.session = session;
    this.builtOps = countOps(built);
    this.definition = definition;
    this.placement = placement;
    this.heartbeat = heartbeat;
    this.allTasks = placement.tasks();
    this.stateTasks = stateTasks(definition, placement);
    this.caller =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "ebm-cluster-call");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Opens a session for {@code graph} as it is now, on {@code placement}'s parameter task, placing
   * the ops without a device by their neighbours or on the parameter task, with calls bounded by
   * {@code heartbeat}'s timeouts and given up when a task falls silent on it.
   */
  public static ClusterSession open(
      Graph graph, ClusterPlacement placement, ClusterHeartbeat heartbeat, ConfigProto config) {
    Graph placed = new Graph();
    try {
      GraphDef definition =
          UnplacedOps.placeByNeighbours(graph.toGraphDef(), placement.parameterTask().device());
      placed.importGraphDef(definition);
      ConfigProto bounded =
          config.toBuilder()
              .setOperationTimeoutInMs(heartbeat.timeouts().setupTimeout().toMillis())
              .build();
      return new ClusterSession(
          graph,
          placed,
          RemoteSession.open(placed, placement.target(), bounded),
          definition,
          placement,
          heartbeat);
    } catch (RuntimeException e) {
      placed.close();
      throw e;
    }
  }

  /** The bytes a call with these fetches and targets sends between tasks. */
  public CrossTaskTraffic traffic(List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    List<String> roots = new ArrayList<>();
    fetches.forEach(f -> roots.add(f.op().name()));
    targets.forEach(t -> roots.add(t.op().name()));
    return CrossTaskTraffic.of(definition, built, roots);
  }

  /** Whether ops were added to the built graph after this session opened. */
  public boolean isStale() {
    return countOps(built) != builtOps;
  }

  /**
   * Runs the graph once with the given feeds, fetches and targets of the built graph and {@code
   * options} (a trace level, say), bounded as the class describes; like a local session, it runs
   * the initialisers not yet run (none after a restore) first. The caller closes the result, which
   * holds the run's metadata when {@code options} asks for a trace.
   *
   * @throws ClusterFailureException if a task is silent before or during the call, or the call
   *     fails or times out
   */
  public Result run(
      Map<? extends Operand<?>, ? extends Tensor> feeds,
      List<? extends Operand<?>> fetches,
      List<? extends Op> targets,
      RunOptions options) {
    Session.Runner runner = session.runner();
    StringBuilder kind = new StringBuilder();
    feeds.forEach(
        (operand, tensor) -> {
          Output<?> output = operand.asOutput();
          runner.feed(output.op().name(), output.index(), tensor);
          kind.append("f:").append(output.op().name()).append(':').append(output.index());
        });
    for (Operand<?> fetch : fetches) {
      Output<?> output = fetch.asOutput();
      runner.fetch(output.op().name(), output.index());
      kind.append(" o:").append(output.op().name()).append(':').append(output.index());
    }
    for (Op target : targets) {
      runner.addTarget(placed.operationOrThrow(target.op().name()));
      kind.append(" t:").append(target.op().name());
    }
    boolean known;
    synchronized (this) {
      known = kindsRun.contains(kind.toString());
    }
    Duration timeout =
        known ? heartbeat.timeouts().callTimeout() : heartbeat.timeouts().setupTimeout();
    runner.setOptions(options.toBuilder().setTimeoutInMs(timeout.toMillis()).build());
    boolean traced = options.getTraceLevel() != RunOptions.TraceLevel.NO_TRACE;
    Result result =
        call(
            () -> {
              session.initialize();
              return traced ? runner.runAndFetchMetadata() : runner.run();
            },
            allTasks,
            timeout,
            Result::close);
    synchronized (this) {
      kindsRun.add(kind.toString());
    }
    return result;
  }

  /**
   * Runs the initialisers not yet run.
   *
   * @throws ClusterFailureException if a task that holds variables is silent, or the call fails
   */
  public void initialize() {
    call(
        () -> {
          session.initialize();
          return Boolean.TRUE;
        },
        stateTasks,
        heartbeat.timeouts().setupTimeout(),
        b -> {});
  }

  /**
   * Writes every variable to the checkpoint {@code prefix} (written by the master's task). A save
   * needs only the tasks that hold variables, so it runs while another task is silent.
   *
   * @throws ClusterFailureException if a task that holds variables is silent, or the call fails
   */
  public void save(String prefix) {
    call(
        () -> {
          session.initialize();
          session.save(prefix);
          return Boolean.TRUE;
        },
        stateTasks,
        heartbeat.timeouts().setupTimeout(),
        b -> {});
  }

  /**
   * Restores every variable from the checkpoint {@code prefix} (read by the master's task).
   *
   * @throws ClusterFailureException if a task that holds variables is silent, or the call fails
   */
  public void restore(String prefix) {
    call(
        () -> {
          session.restore(prefix);
          return Boolean.TRUE;
        },
        stateTasks,
        heartbeat.timeouts().setupTimeout(),
        b -> {});
  }

  /** The failure that stopped the run on this session, if one did. */
  public synchronized Optional<ClusterFailureException> failure() {
    return failure;
  }

  /**
   * Runs {@code work} on the call thread and waits for it while {@code needed} answer the
   * heartbeat: refused if one is silent already, given up (its result handed to {@code discard}
   * when it comes) if one falls silent meanwhile.
   */
  private <R> R call(
      Callable<R> work,
      Collection<ClusterSpec.Task> needed,
      Duration timeout,
      Consumer<R> discard) {
    synchronized (this) {
      if (abandoned) {
        throw failure.isPresent()
            ? failure.get()
            : new IllegalStateException("a call on this cluster session was given up");
      }
      if (closed) {
        throw new IllegalStateException("the cluster session is closed");
      }
    }
    List<ClusterHeartbeat.Silence> silentBefore = silentAmong(needed);
    if (!silentBefore.isEmpty()) {
      boolean checkpointable =
          heartbeat.silent().stream().noneMatch(s -> stateTasks.contains(s.task()));
      throw fail(
          placement.failure(
              Optional.empty(), heartbeat.silent(), Optional.empty(), checkpointable));
    }
    long start = System.nanoTime();
    Future<R> future;
    synchronized (this) {
      callRunning = true;
      future =
          caller.submit(
              () -> {
                R result = null;
                try {
                  result = work.call();
                } finally {
                  finishCall(result, discard);
                }
                return result;
              });
    }
    while (true) {
      try {
        return future.get(
            Math.min(WATCH_MILLIS, heartbeat.timeouts().heartbeatInterval().toMillis()),
            TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        List<ClusterHeartbeat.Silence> silent = silentAmong(needed);
        if (!silent.isEmpty() && giveUp(future)) {
          throw fail(
              placement.failure(Optional.empty(), heartbeat.silent(), Optional.empty(), false));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (giveUp(future)) {
          throw new IllegalStateException("interrupted while a cluster session call ran", e);
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof TensorFlowException tensorFlow) {
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          // TensorFlow Java has no exception of its own for DEADLINE_EXCEEDED: the client's gRPC
          // deadline says "Deadline Exceeded", the master's timer "Operation timed out.".
          String said = String.valueOf(tensorFlow.getMessage());
          boolean timedOut =
              elapsed.compareTo(timeout) >= 0
                  || said.contains("Deadline Exceeded")
                  || said.contains("timed out");
          throw fail(
              placement.failure(
                  Optional.of(tensorFlow),
                  heartbeat.silent(),
                  timedOut ? Optional.of(timeout) : Optional.empty(),
                  false));
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  private List<ClusterHeartbeat.Silence> silentAmong(Collection<ClusterSpec.Task> tasks) {
    return heartbeat.silent().stream().filter(s -> tasks.contains(s.task())).toList();
  }

  /** Gives the running call up unless it has ended; true if it was given up. */
  private synchronized boolean giveUp(Future<?> future) {
    if (future.isDone()) {
      return false;
    }
    abandoned = true;
    return true;
  }

  /** At the end of a call on the call thread: discards a result given up, closes if asked to. */
  private <R> void finishCall(R result, Consumer<R> discard) {
    boolean closeNow;
    synchronized (this) {
      callRunning = false;
      if (!abandoned) {
        return;
      }
      if (result != null) {
        discard.accept(result);
      }
      closeNow = closed;
    }
    if (closeNow) {
      release();
    }
  }

  private synchronized ClusterFailureException fail(ClusterFailureException e) {
    if (failure.isEmpty()) {
      failure = Optional.of(e);
    }
    return e;
  }

  /**
   * The tasks whose loss loses variables: those that hold one (the parameter task; a replica's
   * worker when its sampler keeps state), and the session's master.
   */
  private static Set<ClusterSpec.Task> stateTasks(GraphDef graph, ClusterPlacement placement) {
    Set<ClusterSpec.Task> tasks = new LinkedHashSet<>();
    tasks.add(placement.parameterTask());
    for (NodeDef node : graph.getNodeList()) {
      if (node.getOp().startsWith("Var") || node.getOp().startsWith("Variable")) {
        for (ClusterSpec.Task task : placement.tasks()) {
          if (node.getDevice().startsWith(task.device() + "/")
              || node.getDevice().equals(task.device())) {
            tasks.add(task);
          }
        }
      }
    }
    return tasks;
  }

  private static int countOps(Graph graph) {
    int n = 0;
    for (Iterator<GraphOperation> ops = graph.operations(); ops.hasNext(); ops.next()) {
      n++;
    }
    return n;
  }

  /**
   * Closes the session, or, while a call that was given up still runs, leaves it to that call's
   * thread to close when the call ends (by its timeout at the latest).
   */
  @Override
  public void close() {
    boolean closeNow;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closeNow = !(abandoned && callRunning);
    }
    caller.shutdown();
    if (closeNow) {
      release();
    }
  }

  private void release() {
    session.close();
    placed.close();
  }
}
