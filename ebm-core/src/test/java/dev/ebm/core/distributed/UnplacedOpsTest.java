package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** Ops without a device follow their first placed data input, else their first placed consumer. */
class UnplacedOpsTest {

  private static NodeDef node(String name, String device, String... inputs) {
    NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp("Identity").setDevice(device);
    for (String input : inputs) {
      node.addInput(input);
    }
    return node.build();
  }

  @Test
  void unplacedOpsFollowTheirNeighbours() {
    String a = "/job:worker/task:1";
    String b = "/job:ps/task:0";
    GraphDef graph =
        GraphDef.newBuilder()
            .addNode(node("forward", a))
            .addNode(node("read", b))
            .addNode(node("constant", ""))
            // A gradient op: its first placed data input decides, not a control input.
            .addNode(node("grad", "", "^read", "constant", "forward:1", "read"))
            .addNode(node("grad_of_grad", "", "grad"))
            // No inputs: where its first placed consumer is.
            .addNode(node("shape", ""))
            .addNode(node("uses_shape", b, "shape"))
            // Only a control input and no consumer: the fallback.
            .addNode(node("lonely", "", "^forward"))
            .build();
    Map<String, String> placed = new HashMap<>();
    UnplacedOps.placeByNeighbours(graph, "/job:ps/task:0/device:CPU:0")
        .getNodeList()
        .forEach(n -> placed.put(n.getName(), n.getDevice()));
    assertEquals(a, placed.get("forward"));
    assertEquals(a, placed.get("grad"));
    assertEquals(a, placed.get("grad_of_grad"));
    assertEquals(a, placed.get("constant"), "a constant goes to its first consumer's device");
    assertEquals(b, placed.get("shape"));
    assertEquals("/job:ps/task:0/device:CPU:0", placed.get("lonely"));
  }
}
