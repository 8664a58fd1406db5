package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * A session on a task server of this JVM (bound to localhost, living until the JVM ends): its calls
 * carry the call timeout, except the first call of each kind, which sets the graph up and gets the
 * setup timeout; a call that outlives its timeout while every task answers becomes a {@link
 * ClusterFailureException} that says so.
 */
class ClusterSessionTest {

  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0);
          DatagramSocket udp = new DatagramSocket(socket.getLocalPort())) {
        return udp.getLocalPort();
      } catch (java.net.SocketException taken) {
        // Try another.
      }
    }
  }

  @Test
  void aCallThatOutlivesTheCallTimeoutStopsTheRunThoughEveryTaskAnswers() throws IOException {
    ClusterSpec cluster = new ClusterSpec(Map.of("worker", List.of("localhost:" + freePort())));
    TaskServer.start(cluster, new ClusterSpec.Task("worker", 0));
    ClusterPlacement placement = ClusterPlacement.of(cluster);
    placement.requireReachable(Duration.ofSeconds(10));
    ClusterTimeouts timeouts = new ClusterTimeouts(Duration.ofMillis(10), Duration.ofSeconds(10));
    try (Graph graph = new Graph();
        ClusterHeartbeat heartbeat = ClusterHeartbeat.start(placement, timeouts)) {
      Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().job("worker").task(0).build());
      // 96 GFLOP of matrix products: 0.2 s at the fastest peak measured on these machines (448
      // GFLOP/s), far beyond 10 ms.
      Operand<TFloat32> x =
          tf.random.randomUniform(tf.constant(new long[] {2000, 2000}), TFloat32.class);
      Operand<TFloat32> product = x;
      for (int i = 0; i < 6; i++) {
        product = tf.math.tanh(tf.linalg.matMul(product, x));
      }
      Operand<TFloat32> sum = tf.reduceSum(product, tf.constant(new int[] {0, 1}));
      try (ClusterSession session =
          ClusterSession.open(graph, placement, heartbeat, ConfigProto.getDefaultInstance())) {
        // The first call of its kind gets the setup timeout (600 s), so it runs to its end.
        try (Result first =
            session.run(Map.of(), List.of(sum), List.of(), RunOptions.getDefaultInstance())) {
          assertTrue(Float.isFinite(((TFloat32) first.get(0)).getFloat()));
        }
        ClusterFailureException timedOut =
            assertThrows(
                ClusterFailureException.class,
                () ->
                    session.run(
                        Map.of(), List.of(sum), List.of(), RunOptions.getDefaultInstance()));
        assertTrue(
            timedOut
                .getMessage()
                .startsWith(
                    "a session call on the cluster did not end within its timeout of 0.01 s"
                        + " though every task answers"),
            timedOut.getMessage());
        // The master's own timer ("Operation timed out.") or the client's gRPC deadline ("Deadline
        // Exceeded"), whichever fires first.
        assertTrue(
            timedOut.getMessage().contains("(TensorFlow said: Operation timed out.)")
                || timedOut.getMessage().contains("(TensorFlow said: Deadline Exceeded)"),
            timedOut.getMessage());
        assertEquals(List.of(), timedOut.tasks());
        assertSame(timedOut, session.failure().orElseThrow());
        heartbeat.close(Optional.of(timedOut.problem()));
      }
    }
  }
}
