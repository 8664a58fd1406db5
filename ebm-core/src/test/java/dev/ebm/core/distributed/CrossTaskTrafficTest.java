package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Bytes between tasks of one call: a value once per receiving task however many ops there consume
 * it, a variable once per read, nothing for ops the call does not run.
 */
class CrossTaskTrafficTest {

  @Test
  void valuesCountOncePerReceivingTaskAndVariablesOncePerRead() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Ops ps = tf.withDevice(DeviceSpec.newBuilder().job("ps").task(0).build());
      Ops worker = tf.withDevice(DeviceSpec.newBuilder().job("worker").task(1).build());
      Variable<TFloat32> w = ps.variable(ps.zeros(ps.constant(new long[] {4, 5}), TFloat32.class));
      Operand<TFloat32> read = worker.identity(w);
      Operand<TFloat32> again = worker.identity(w);
      Operand<TFloat32> unused = worker.identity(w);
      Operand<TFloat32> shard = ps.constant(new float[6]);
      Operand<TFloat32> square = worker.math.square(shard);
      Operand<TFloat32> negative = worker.math.neg(shard);
      Operand<TFloat32> gradient = worker.constant(new float[3]);
      Operand<TFloat32> absolute = ps.math.abs(gradient);
      CrossTaskTraffic traffic =
          CrossTaskTraffic.of(
              UnplacedOps.placeByNeighbours(graph.toGraphDef(), "/job:ps"),
              graph,
              List.of(read, again, square, negative, absolute).stream()
                  .map(o -> o.op().name())
                  .toList());
      assertEquals("Identity_2", unused.op().name(), "a read the call does not need sends nothing");
      assertEquals(
          Map.of("ps:0 → worker:1", 2L * 20 * 4 + 6 * 4, "worker:1 → ps:0", 3L * 4),
          traffic.bytes());
      assertEquals(2L * 20 * 4 + 6 * 4, traffic.receivedBy("worker:1"));
      assertEquals(12L, traffic.sentBy("worker:1"));
      assertEquals(2L * 20 * 4 + 6 * 4 + 12, traffic.total());
    }
  }
}
