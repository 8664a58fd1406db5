package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.distributed.RemoteSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code ebm worker} in its own process serves its task: a session in this process whose target is
 * the worker runs a graph placed on it. Bound to localhost only.
 */
class WorkerCommandTest {

  @TempDir Path dir;

  @Test
  void aWorkerProcessRunsTheOpsPlacedOnIt() throws Exception {
    try (WorkerProcesses workers = WorkerProcesses.localCluster(dir, 1)) {
      workers.startAll();
      String target =
          ClusterSpec.read(workers.clusterFile()).target(new ClusterSpec.Task("worker", 0));
      try (Graph graph = new Graph()) {
        Ops onWorker =
            Ops.create(graph).withDevice(DeviceSpec.newBuilder().job("worker").task(0).build());
        Operand<TFloat32> product = onWorker.math.mul(onWorker.constant(6f), onWorker.constant(7f));
        try (Session session = RemoteSession.open(graph, target);
            Result result = session.runner().fetch(product).run()) {
          assertEquals(42f, ((TFloat32) result.get(0)).getFloat(), 0f);
        }
      }
      Cli.Outcome missing =
          Cli.run("worker", "--cluster", "" + workers.clusterFile(), "--task", "worker:3");
      assertEquals(2, missing.status());
      assertTrue(missing.err().contains("no task worker:3"), missing.err());
    }
  }
}
