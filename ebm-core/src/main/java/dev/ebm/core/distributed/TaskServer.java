package dev.ebm.core.distributed;

import org.tensorflow.Server;
import org.tensorflow.proto.ServerDef;

/**
 * A TensorFlow gRPC server for one task of a cluster: it executes the parts of graphs that sessions
 * place on {@code /job:JOB/task:INDEX} and, as a master, runs sessions whose target it is. A server
 * lives as long as its process: TensorFlow 2.x cannot stop one cleanly ({@code Server.stop} throws
 * "Clean shutdown is not currently implemented"), so {@code ebm worker} serves until killed.
 */
public final class TaskServer {

  private final Server server;
  private final ClusterSpec.Task task;

  private TaskServer(Server server, ClusterSpec.Task task) {
    this.server = server;
    this.task = task;
  }

  /**
   * Starts the server of {@code task} in {@code cluster}, listening on the task's port.
   *
   * @throws IllegalArgumentException if the cluster has no such task
   */
  public static TaskServer start(ClusterSpec cluster, ClusterSpec.Task task) {
    cluster.address(task);
    ServerDef definition =
        ServerDef.newBuilder()
            .setCluster(cluster.toClusterDef())
            .setJobName(task.job())
            .setTaskIndex(task.index())
            .setProtocol("grpc")
            .build();
    Server server = new Server(definition);
    server.start();
    return new TaskServer(server, task);
  }

  /** The task served. */
  public ClusterSpec.Task task() {
    return task;
  }

  /** Blocks until the server ends (in practice, until the process is killed). */
  public void join() {
    server.join();
  }
}
