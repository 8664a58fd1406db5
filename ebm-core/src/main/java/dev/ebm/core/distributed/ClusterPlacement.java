package dev.ebm.core.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a data-parallel training graph puts its parts on a cluster: the state (model variables,
 * optimiser slots, moving average, method variables) on the parameter task, and one replica of the
 * training step on each task of the {@code worker} job. The parameter task is {@code ps:0} when the
 * cluster has a {@code ps} job, else {@code worker:0}; it is also the session's master, so the
 * checkpoint files are written by that task's process, at the path the client gives.
 *
 * @param cluster the cluster
 * @param parameterTask the task that holds the variables and runs the session
 * @param replicaTasks the tasks that compute the replicas of the step, in replica order
 */
public record ClusterPlacement(
    ClusterSpec cluster, ClusterSpec.Task parameterTask, List<ClusterSpec.Task> replicaTasks) {

  /** The job whose tasks compute the replicas. */
  public static final String WORKER_JOB = "worker";

  /** The optional job that holds the variables. */
  public static final String PARAMETER_JOB = "ps";

  public ClusterPlacement {
    cluster.address(parameterTask);
    replicaTasks.forEach(cluster::address);
    if (replicaTasks.isEmpty()) {
      throw new IllegalArgumentException("a placement needs at least one replica task");
    }
    replicaTasks = List.copyOf(replicaTasks);
  }

  /**
   * The standard placement on {@code cluster}: a replica on every {@code worker} task, the state on
   * {@code ps:0} if there is a {@code ps} job, else on {@code worker:0}.
   *
   * @throws IllegalArgumentException if the cluster has no {@code worker} job
   */
  public static ClusterPlacement of(ClusterSpec cluster) {
    List<String> workers = cluster.jobs().get(WORKER_JOB);
    if (workers == null) {
      throw new IllegalArgumentException(
          "the cluster has no '"
              + WORKER_JOB
              + "' job; list the training tasks under \"worker\" (and the optional parameter task"
              + " under \"ps\")");
    }
    List<ClusterSpec.Task> replicas = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      replicas.add(new ClusterSpec.Task(WORKER_JOB, i));
    }
    ClusterSpec.Task parameters =
        cluster.jobs().containsKey(PARAMETER_JOB)
            ? new ClusterSpec.Task(PARAMETER_JOB, 0)
            : replicas.get(0);
    return new ClusterPlacement(cluster, parameters, replicas);
  }

  /** The number of replicas of a training step. */
  public int replicas() {
    return replicaTasks.size();
  }

  /** The session target: the parameter task's server. */
  public String target() {
    return cluster.target(parameterTask);
  }

  /**
   * Checks that every task of the placement accepts connections and answers the heartbeat, so that
   * a session does not wait for a server that was never started, or that is not an {@code ebm
   * worker} of this version.
   *
   * @throws IllegalStateException naming the tasks that do not answer within {@code timeout}, and
   *     the command that starts each
   */
  public void requireReachable(Duration timeout) {
    List<ClusterSpec.Task> silent = unreachable(timeout);
    if (!silent.isEmpty()) {
      throw new IllegalStateException(
          describe(silent) + " not answer; start " + restartCommands(silent));
    }
    List<ClusterSpec.Task> mute = ClusterHeartbeat.unanswered(cluster, tasks(), timeout);
    if (!mute.isEmpty()) {
      throw new IllegalStateException(
          describe(mute)
              + " not answer the heartbeat (UDP, on the port number of the task's gRPC port),"
              + " though accepting connections; start each task with ebm worker of this version ("
              + restartCommands(mute)
              + ") and let UDP through to that port");
    }
  }

  /**
   * The error for a session run on the cluster that failed with {@code cause}: it names the tasks
   * that no longer accept connections (probed now) and how to resume, or, when all answer, passes
   * TensorFlow's message on.
   */
  public ClusterFailureException failure(RuntimeException cause) {
    return failure(Optional.of(cause), List.of(), Optional.empty(), false);
  }

  /**
   * The error for a run that stops: the tasks that do not accept connections (probed now) and those
   * that accept them but are {@code silent} on the heartbeat, or, when all answer, a call that
   * outlived its {@code timeout} or failed with {@code cause}.
   */
  ClusterFailureException failure(
      Optional<RuntimeException> cause,
      List<ClusterHeartbeat.Silence> silent,
      Optional<Duration> timeout,
      boolean checkpointable) {
    List<ClusterSpec.Task> dead = unreachable(FAILURE_PROBE_TIMEOUT);
    List<ClusterSpec.Task> named = new ArrayList<>(dead);
    List<String> problems = new ArrayList<>();
    if (!dead.isEmpty()) {
      problems.add(describe(dead) + " not answer");
    }
    for (ClusterHeartbeat.Silence s : silent) {
      if (!dead.contains(s.task())) {
        named.add(s.task());
        problems.add(
            String.format(
                Locale.ROOT,
                "task %s at %s has answered no heartbeat for %.1f s though it accepts connections"
                    + " (its process hangs or is stopped)",
                name(s.task()),
                cluster.address(s.task()),
                s.since().toMillis() / 1000.0));
      }
    }
    if (problems.isEmpty()) {
      problems.add(
          timeout.isPresent()
              ? "a session call on the cluster did not end within its timeout of "
                  + ChiefWatch.seconds(timeout.get())
                  + " s though every task answers: a call takes longer than that (raise the call"
                  + " timeout) or a task's TensorFlow runtime hangs"
              : "a session call on the cluster failed");
    }
    String advice =
        "Each task's ebm worker ends with the run: start them again ("
            + restartCommands(tasks())
            + ") and run the same command again to resume from the last complete checkpoint";
    Optional<String> said =
        cause.map(
            c -> {
              // TensorFlow's messages span lines ("From /job:worker/…:\nthe error"): one line.
              String message = String.valueOf(c.getMessage()).strip().replaceAll("\\s+", " ");
              return message.length() > 300 ? message.substring(0, 300) + "…" : message;
            });
    return new ClusterFailureException(
        named,
        checkpointable,
        String.join("; ", problems),
        advice,
        said,
        cause.map(c -> (Throwable) c));
  }

  /** How long {@link #failure} waits for each task to accept a connection. */
  private static final Duration FAILURE_PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** The parameter task and the replica tasks, each once. */
  List<ClusterSpec.Task> tasks() {
    Set<ClusterSpec.Task> tasks = new LinkedHashSet<>();
    tasks.add(parameterTask);
    tasks.addAll(replicaTasks);
    return List.copyOf(tasks);
  }

  /** The tasks of this placement that do not accept a connection within {@code timeout}. */
  private List<ClusterSpec.Task> unreachable(Duration timeout) {
    List<ClusterSpec.Task> silent = new ArrayList<>();
    for (ClusterSpec.Task task : tasks()) {
      String address = cluster.address(task);
      int colon = address.lastIndexOf(':');
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(
                address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
            (int) timeout.toMillis());
      } catch (IOException e) {
        silent.add(task);
      }
    }
    return silent;
  }

  private static String name(ClusterSpec.Task task) {
    return task.job() + ":" + task.index();
  }

  private String describe(List<ClusterSpec.Task> tasks) {
    return (tasks.size() == 1 ? "task " : "tasks ")
        + String.join(
            ", ",
            tasks.stream()
                .map(t -> t.job() + ":" + t.index() + " at " + cluster.address(t))
                .toList())
        + (tasks.size() == 1 ? " does" : " do");
  }

  private static String restartCommands(List<ClusterSpec.Task> tasks) {
    return String.join(
        "; ",
        tasks.stream()
            .map(t -> "ebm worker --cluster CLUSTER.json --task " + t.job() + ":" + t.index())
            .toList());
  }
}
