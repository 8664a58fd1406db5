package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Two task servers of one cluster on localhost, and a session whose target is the first: a graph
 * whose ops sit on both tasks runs and returns the right value. The servers bind to localhost only
 * (TensorFlow's gRPC servers have no authentication) and live until this JVM ends.
 */
class RemoteSessionTest {

  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aGraphPlacedOnTwoTasksRunsThroughTheFirstTasksServer() throws IOException {
    ClusterSpec cluster =
        new ClusterSpec(
            Map.of("worker", List.of("localhost:" + freePort(), "localhost:" + freePort())));
    TaskServer.start(cluster, new ClusterSpec.Task("worker", 0));
    TaskServer.start(cluster, new ClusterSpec.Task("worker", 1));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> a =
          tf.withDevice(DeviceSpec.newBuilder().job("worker").task(0).build()).constant(3f);
      Operand<TFloat32> b =
          tf.withDevice(DeviceSpec.newBuilder().job("worker").task(1).build())
              .math
              .mul(tf.constant(2f), tf.constant(2f));
      Operand<TFloat32> sum =
          tf.withDevice(DeviceSpec.newBuilder().job("worker").task(1).build()).math.add(a, b);
      try (Session session =
              RemoteSession.open(graph, cluster.target(new ClusterSpec.Task("worker", 0)));
          Result result = session.runner().fetch(sum).run()) {
        assertEquals(7f, ((TFloat32) result.get(0)).getFloat(), 0f);
      }
    }
  }

  @Test
  void clusterFilesAndTasksAreCheckedByName() throws IOException {
    Path file = dir.resolve("cluster.json");
    Files.writeString(
        file, "{\"worker\": [\"localhost:2222\", \"localhost:2223\"], \"ps\": [\"h:1\"]}");
    ClusterSpec cluster = ClusterSpec.read(file);
    assertEquals("grpc://localhost:2223", cluster.target(ClusterSpec.Task.parse("worker:1")));
    assertEquals(2, cluster.toClusterDef().getJobCount());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> cluster.address(ClusterSpec.Task.parse("worker:2")));
    assertTrue(missing.getMessage().contains("worker:0..1"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClusterSpec.Task.parse("worker"));
    Files.writeString(file, "{\"worker\": [\"localhost\"]}");
    IllegalArgumentException noPort =
        assertThrows(IllegalArgumentException.class, () -> ClusterSpec.read(file));
    assertTrue(noPort.getMessage().contains("is not host:port"), noPort.getMessage());
  }
}
