package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.graph.VariableSet;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Where a graph on a cluster puts its parts (no server is needed to build one): variables on the
 * parameter task, each replica's ops on its worker, later replicas sharing the first one's
 * trainable variables but owning their state; and the errors that name the tasks that do not
 * answer.
 */
class ClusterPlacementTest {

  private static final List<ParameterSpec> SPECS =
      List.of(ParameterSpec.trainable("w", Shape.of(2), Initializer.zeros()));

  @Test
  void variablesLiveOnTheParameterTaskAndReplicasOnTheirWorkers() {
    ClusterPlacement placement =
        ClusterPlacement.of(
            new ClusterSpec(Map.of("worker", List.of("h1:1", "h2:1"), "ps", List.of("h3:1"))));
    assertEquals(new ClusterSpec.Task("ps", 0), placement.parameterTask());
    assertEquals("grpc://h3:1", placement.target());
    try (ModelGraph<TFloat32> g =
        ModelGraph.create(TFloat32.class, 1, SessionOptions.defaults().onCluster(placement))) {
      assertEquals(2, g.replicas());
      VariableSet<TFloat32> first = g.onReplica(0, () -> g.createVariables("model", SPECS));
      VariableSet<TFloat32> second = g.onReplica(1, () -> g.createVariables("model", SPECS));
      Operand<TFloat32> onSecond =
          g.onReplica(1, () -> g.ops().math.square(second.read().get("w")));
      assertSame(first.variable("w"), second.variable("w"));
      assertTrue(
          device(first.variable("w")).startsWith("/job:ps/task:0"), device(first.variable("w")));
      assertTrue(device(onSecond).startsWith("/job:worker/task:1"), device(onSecond));
      assertThrows(IllegalArgumentException.class, () -> g.createVariables("model", SPECS));
      assertThrows(IllegalArgumentException.class, () -> g.onReplica(2, () -> null));
    }
  }

  @Test
  void stateBelongsToEachReplicaOnItsWorkerAndIsSharedBetweenTheStepsOfACall() {
    List<ParameterSpec> buffer =
        List.of(ParameterSpec.state("contents", Shape.of(4, 2), Initializer.zeros()));
    ClusterPlacement placement =
        ClusterPlacement.of(new ClusterSpec(Map.of("worker", List.of("h1:1", "h2:1"))));
    try (ModelGraph<TFloat32> g =
        ModelGraph.create(TFloat32.class, 1, SessionOptions.defaults().onCluster(placement))) {
      VariableSet<TFloat32> first = g.onReplica(0, () -> g.createVariables("buffer", buffer));
      VariableSet<TFloat32> second = g.onReplica(1, () -> g.createVariables("buffer", buffer));
      assertEquals("buffer", first.scope());
      assertEquals("buffer_replica1", second.scope());
      assertTrue(
          device(second.variable("contents")).startsWith("/job:worker/task:1"),
          device(second.variable("contents")));
      VariableSet<TFloat32> again =
          g.repeatAfter(List.of(), () -> g.onReplica(1, () -> g.createVariables("buffer", buffer)));
      assertSame(second.variable("contents"), again.variable("contents"));
    }
  }

  private static String device(Operand<?> operand) {
    return ((GraphOperation) operand.op()).device();
  }

  @Test
  void withoutAParameterJobTheFirstWorkerHoldsTheVariables() {
    ClusterPlacement placement =
        ClusterPlacement.of(new ClusterSpec(Map.of("worker", List.of("h1:1", "h2:1"))));
    assertEquals(new ClusterSpec.Task("worker", 0), placement.parameterTask());
    IllegalArgumentException noWorkers =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusterPlacement.of(new ClusterSpec(Map.of("ps", List.of("h:1")))));
    assertTrue(noWorkers.getMessage().contains("no 'worker' job"), noWorkers.getMessage());
  }

  @Test
  void tasksThatDoNotAnswerAreNamedWithTheCommandThatStartsThem() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (ServerSocket listening = new ServerSocket(0)) {
      ClusterPlacement placement =
          ClusterPlacement.of(
              new ClusterSpec(
                  Map.of(
                      "worker",
                      List.of("localhost:" + listening.getLocalPort(), "localhost:" + port))));
      IllegalStateException missing =
          assertThrows(
              IllegalStateException.class,
              () -> placement.requireReachable(java.time.Duration.ofSeconds(2)));
      assertTrue(
          missing.getMessage().startsWith("task worker:1 at localhost:" + port + " does not"),
          missing.getMessage());
      assertTrue(missing.getMessage().contains("ebm worker --cluster"), missing.getMessage());
      // A server that accepts connections but does not answer the heartbeat: not an ebm worker.
      ClusterPlacement notAWorker =
          ClusterPlacement.of(
              new ClusterSpec(Map.of("worker", List.of("localhost:" + listening.getLocalPort()))));
      IllegalStateException mute =
          assertThrows(
              IllegalStateException.class,
              () -> notAWorker.requireReachable(java.time.Duration.ofMillis(600)));
      assertTrue(
          mute.getMessage().contains("does not answer the heartbeat (UDP"), mute.getMessage());
      assertTrue(mute.getMessage().contains("let UDP through"), mute.getMessage());
      IllegalStateException failed = placement.failure(new RuntimeException("Socket closed"));
      assertTrue(failed.getMessage().contains("worker:1"), failed.getMessage());
      assertTrue(failed.getMessage().contains("resume"), failed.getMessage());
      assertTrue(failed.getMessage().contains("Socket closed"), failed.getMessage());
    }
  }
}
