package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.distributed.RemoteSession;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path cluster = dir.resolve("cluster.json");
    Files.writeString(cluster, "{\"worker\": [\"localhost:" + port + "\"]}");
    Path log = dir.resolve("worker.log");
    Process worker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Ebm.class.getName(),
                "worker",
                "--cluster",
                cluster.toString(),
                "--task",
                "worker:0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("serving worker:0")) {
        assertTrue(worker.isAlive(), () -> "the worker ended: " + read(log));
        assertTrue(System.nanoTime() < deadline, "the worker did not start in 60 s");
        Thread.sleep(50);
      }
      try (Graph graph = new Graph()) {
        Ops onWorker =
            Ops.create(graph).withDevice(DeviceSpec.newBuilder().job("worker").task(0).build());
        Operand<TFloat32> product = onWorker.math.mul(onWorker.constant(6f), onWorker.constant(7f));
        try (Session session = RemoteSession.open(graph, "grpc://localhost:" + port);
            Result result = session.runner().fetch(product).run()) {
          assertEquals(42f, ((TFloat32) result.get(0)).getFloat(), 0f);
        }
      }
    } finally {
      worker.destroyForcibly().waitFor();
    }
    Cli.Outcome missing = Cli.run("worker", "--cluster", cluster.toString(), "--task", "worker:3");
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("no task worker:3"), missing.err());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
