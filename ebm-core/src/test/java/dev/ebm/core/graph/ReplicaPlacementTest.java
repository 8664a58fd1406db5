package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSpec;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * Where ops go while they are built, and what the placement says is being built: the scope that
 * decides variable sharing, the devices of a cluster's tasks, the dependencies of a repeated copy
 * and the calls that do not nest. No server is needed: nothing runs.
 */
class ReplicaPlacementTest {

  private static final SessionOptions TWO_WORKERS_AND_A_PS =
      SessionOptions.defaults()
          .onCluster(
              ClusterPlacement.of(
                  new ClusterSpec(
                      Map.of("worker", List.of("h1:1", "h2:1"), "ps", List.of("h3:1")))));

  @Test
  void theScopeSaysWhichReplicaAndWhichCopyIsBeingBuilt() {
    try (Graph graph = new Graph()) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, TWO_WORKERS_AND_A_PS);
      assertEquals(2, placement.replicas());
      assertScope(placement.scope(), OptionalInt.empty(), false, false);
      assertScope(placement.onReplica(0, placement::scope), OptionalInt.of(0), false, false);
      assertScope(placement.onReplica(1, placement::scope), OptionalInt.of(1), false, true);
      assertScope(
          placement.repeatAfter(List.of(), placement::scope), OptionalInt.empty(), true, true);
      assertScope(
          placement.repeatAfter(List.of(), () -> placement.onReplica(0, placement::scope)),
          OptionalInt.of(0),
          true,
          true);
      assertScope(placement.scope(), OptionalInt.empty(), false, false);
    }
  }

  private static void assertScope(
      ReplicaPlacement.Scope scope, OptionalInt replica, boolean repeating, boolean sharing) {
    assertEquals(replica, scope.replica());
    assertEquals(repeating, scope.repeating());
    assertEquals(sharing, scope.sharing());
  }

  @Test
  void replicaOpsGoToTheirWorkerAndNewVariablesToTheParameterTask() {
    try (Graph graph = new Graph()) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, TWO_WORKERS_AND_A_PS);
      Operand<TFloat32> outside = placement.ops().constant(1f);
      Operand<TFloat32> onSecond = placement.onReplica(1, () -> placement.ops().constant(2f));
      Operand<TFloat32> variableOnSecond =
          placement.onReplica(1, () -> placement.variableOps().constant(3f));
      assertTrue(device(outside).startsWith("/job:ps/task:0"), device(outside));
      assertTrue(device(onSecond).startsWith("/job:worker/task:1"), device(onSecond));
      assertTrue(device(variableOnSecond).startsWith("/job:ps/task:0"), device(variableOnSecond));
    }
  }

  @Test
  void everyOpOfARepeatedCopyWaitsForItsDependencies() {
    try (Graph graph = new Graph()) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, SessionOptions.defaults());
      Op previous = placement.ops().withName("previous").noOp();
      Operand<TFloat32> inCopy =
          placement.repeatAfter(List.of(previous), () -> placement.ops().constant(1f));
      Operand<TFloat32> after = placement.ops().constant(2f);
      assertEquals(
          List.of("previous"),
          ((GraphOperation) inCopy.op())
              .controlInputs().stream().map(GraphOperation::name).toList());
      assertEquals(0, ((GraphOperation) after.op()).numControlInputs());
      assertFalse(placement.scope().repeating());
    }
  }

  @Test
  void callsThatDoNotNestAreRefusedAndLeaveTheScopeAsItWas() {
    try (Graph graph = new Graph()) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, TWO_WORKERS_AND_A_PS);
      IllegalArgumentException range =
          assertThrows(IllegalArgumentException.class, () -> placement.onReplica(2, () -> null));
      assertEquals("replica 2 of 2: need 0 <= index < replicas()", range.getMessage());
      IllegalStateException nested =
          assertThrows(
              IllegalStateException.class,
              () -> placement.onReplica(0, () -> placement.onReplica(1, () -> null)));
      assertEquals("onReplica does not nest", nested.getMessage());
      IllegalStateException inside =
          assertThrows(
              IllegalStateException.class,
              () -> placement.onReplica(0, () -> placement.repeatAfter(List.of(), () -> null)));
      assertEquals("repeatAfter goes outside onReplica, not inside", inside.getMessage());
      IllegalStateException twice =
          assertThrows(
              IllegalStateException.class,
              () ->
                  placement.repeatAfter(
                      List.of(), () -> placement.repeatAfter(List.of(), () -> null)));
      assertEquals("repeatAfter does not nest", twice.getMessage());
      assertScope(placement.scope(), OptionalInt.empty(), false, false);
    }
  }

  private static String device(Operand<?> operand) {
    return ((GraphOperation) operand.op()).device();
  }
}
