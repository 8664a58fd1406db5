package dev.ebm.core.distributed;

import java.time.Duration;
import org.tensorflow.Server;
import org.tensorflow.proto.ServerDef;

/**
 * A TensorFlow gRPC server for one task of a cluster: it executes the parts of graphs that sessions
 * place on {@code /job:JOB/task:INDEX} and, as a master, runs sessions whose target it is; beside
 * it, on the UDP port of the same number, the task answers the heartbeat of a run's client ({@link
 * ClusterHeartbeat}). A server lives as long as its process: TensorFlow 2.x cannot stop one cleanly
 * ({@code Server.stop} throws "Clean shutdown is not currently implemented"), so {@link #serve}
 * says when the task's work is over and its process should end.
 */
public final class TaskServer {

  /** The default chief timeout of {@link #serve}, in seconds. */
  public static final long DEFAULT_CHIEF_TIMEOUT_SECONDS = 60;

  /**
   * Why a task's work is over.
   *
   * @param kind what ended it
   * @param message one line that says so, naming the task
   */
  public record End(Kind kind, String message) {

    /** What ended a task's work. */
    public enum Kind {
      /** Every run ended normally and no other started within the chief timeout. */
      FINISHED,
      /** A run's client sent no heartbeat for the chief timeout without ending the run. */
      CHIEF_LOST,
      /** A run's client stopped the run on an error (a task lost, a call that timed out). */
      ABORTED
    }

    /** Whether the work ended normally. */
    public boolean normal() {
      return kind == Kind.FINISHED;
    }
  }

  private final Server server;
  private final ClusterSpec.Task task;
  private final ChiefWatch watch;

  private TaskServer(Server server, ClusterSpec.Task task, ChiefWatch watch) {
    this.server = server;
    this.task = task;
    this.watch = watch;
  }

  /**
   * Starts the server of {@code task} in {@code cluster}, listening on the task's port (TCP for
   * gRPC, UDP for the heartbeat).
   *
   * @throws IllegalArgumentException if the cluster has no such task
   * @throws IllegalStateException if the task's UDP port is taken
   */
  public static TaskServer start(ClusterSpec cluster, ClusterSpec.Task task) {
    String address = cluster.address(task);
    ChiefWatch watch =
        ChiefWatch.open(task, Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    ServerDef definition =
        ServerDef.newBuilder()
            .setCluster(cluster.toClusterDef())
            .setJobName(task.job())
            .setTaskIndex(task.index())
            .setProtocol("grpc")
            .build();
    try {
      Server server = new Server(definition);
      server.start();
      return new TaskServer(server, task, watch);
    } catch (RuntimeException e) {
      watch.close();
      throw e;
    }
  }

  /** The task served. */
  public ClusterSpec.Task task() {
    return task;
  }

  /** Blocks until the server ends (in practice, until the process is killed). */
  public void join() {
    server.join();
  }

  /**
   * Serves until the task's work is over and says why: a run's client stopped the run on an error,
   * or sent no heartbeat for {@code chiefTimeout} without ending it, or every run ended and no
   * other started within {@code chiefTimeout}. A task that never served a run serves on. The server
   * keeps running until the process ends, which the caller then does.
   *
   * @throws IllegalArgumentException if {@code chiefTimeout} is not positive
   */
  public End serve(Duration chiefTimeout) throws InterruptedException {
    watch.watch(chiefTimeout);
    return watch.awaitEnd();
  }
}
