package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Bytes between tasks: a value once per receiving task however many ops there consume it, a
 * variable once per read.
 */
class CrossTaskTrafficTest {

  @Test
  void valuesCountOncePerReceivingTaskAndVariablesOncePerRead() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Ops ps = tf.withDevice(DeviceSpec.newBuilder().job("ps").task(0).build());
      Ops worker = tf.withDevice(DeviceSpec.newBuilder().job("worker").task(1).build());
      Variable<TFloat32> w = ps.variable(ps.zeros(ps.constant(new long[] {4, 5}), TFloat32.class));
      worker.identity(w);
      worker.identity(w);
      Operand<TFloat32> shard = ps.constant(new float[6]);
      worker.math.square(shard);
      worker.math.neg(shard);
      Operand<TFloat32> gradient = worker.constant(new float[3]);
      ps.math.abs(gradient);
      CrossTaskTraffic traffic =
          CrossTaskTraffic.of(UnplacedOps.placeByNeighbours(graph.toGraphDef(), "/job:ps"), graph);
      assertEquals(
          Map.of("ps:0 → worker:1", 2L * 20 * 4 + 6 * 4, "worker:1 → ps:0", 3L * 4),
          traffic.bytes());
      assertEquals(2L * 20 * 4 + 6 * 4, traffic.receivedBy("worker:1"));
      assertEquals(12L, traffic.sentBy("worker:1"));
      assertEquals(2L * 20 * 4 + 6 * 4 + 12, traffic.total());
    }
  }
}
