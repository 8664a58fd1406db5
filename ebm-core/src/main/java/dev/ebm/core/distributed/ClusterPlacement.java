package dev.ebm.core.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
   * Checks that every task of the placement accepts connections, so that a session does not wait
   * for a server that was never started.
   *
   * @throws IllegalStateException naming the tasks that do not answer within {@code timeout}, and
   *     the command that starts each
   */
  public void requireReachable(Duration timeout) {
    List<ClusterSpec.Task> silent = silentTasks(timeout);
    if (!silent.isEmpty()) {
      throw new IllegalStateException(
          describe(silent) + " not answer; start " + restartCommands(silent));
    }
  }

  /**
   * The error for a session run on the cluster that failed with {@code cause}: it names the tasks
   * that no longer accept connections (probed now) and how to resume, or, when all answer, passes
   * TensorFlow's message on.
   */
  public IllegalStateException failure(RuntimeException cause) {
    List<ClusterSpec.Task> silent = silentTasks(FAILURE_PROBE_TIMEOUT);
    String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    if (message.length() > 300) {
      message = message.substring(0, 300) + "…";
    }
    if (silent.isEmpty()) {
      return new IllegalStateException("a session run on the cluster failed: " + message, cause);
    }
    return new IllegalStateException(
        describe(silent)
            + " not answer: the run stopped. Restart "
            + restartCommands(silent)
            + ", then run the same command again to resume from the last checkpoint (TensorFlow"
            + " said: "
            + message
            + ")",
        cause);
  }

  /** How long {@link #failure} waits for each task to answer. */
  private static final Duration FAILURE_PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** The tasks of this placement that do not accept a connection within {@code timeout}. */
  private List<ClusterSpec.Task> silentTasks(Duration timeout) {
    Set<ClusterSpec.Task> tasks = new LinkedHashSet<>();
    tasks.add(parameterTask);
    tasks.addAll(replicaTasks);
    List<ClusterSpec.Task> silent = new ArrayList<>();
    for (ClusterSpec.Task task : tasks) {
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
