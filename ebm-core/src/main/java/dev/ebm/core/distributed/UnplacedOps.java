package dev.ebm.core.distributed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Gives a device to every op of a graph that has none, from its neighbours: an op goes where its
 * first placed data input is, else where its first placed consumer is, else to a fallback device.
 *
 * <p>TensorFlow's symbolic gradients (the C API's {@code TF_AddGradients}) create their ops without
 * a device, and a distributed session places such ops on its master's task. A replica's backward
 * pass would then run on the master, not beside its forward pass; this rule puts each gradient op
 * on the device of the forward op it differentiates, as Python's {@code
 * colocate_gradients_with_ops} does.
 */
public final class UnplacedOps {

  private UnplacedOps() {}

  /**
   * {@code graph} with every op that has no device placed by its neighbours or on {@code fallback}.
   */
  public static GraphDef placeByNeighbours(GraphDef graph, String fallback) {
    List<NodeDef> nodes = graph.getNodeList();
    Map<String, String> devices = new HashMap<>();
    Map<String, List<String>> consumers = new HashMap<>();
    for (NodeDef node : nodes) {
      devices.put(node.getName(), node.getDevice());
      for (String input : node.getInputList()) {
        consumers.computeIfAbsent(source(input), k -> new ArrayList<>()).add(node.getName());
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (NodeDef node : nodes) {
        if (devices.get(node.getName()).isEmpty()) {
          for (String input : node.getInputList()) {
            String device = devices.getOrDefault(source(input), "");
            if (!input.startsWith("^") && !device.isEmpty()) {
              devices.put(node.getName(), device);
              changed = true;
              break;
            }
          }
        }
      }
      for (int i = nodes.size() - 1; i >= 0; i--) {
        String name = nodes.get(i).getName();
        if (devices.get(name).isEmpty()) {
          for (String consumer : consumers.getOrDefault(name, List.of())) {
            String device = devices.get(consumer);
            if (!device.isEmpty()) {
              devices.put(name, device);
              changed = true;
              break;
            }
          }
        }
      }
    }
    GraphDef.Builder placed = graph.toBuilder();
    for (int i = 0; i < placed.getNodeCount(); i++) {
      NodeDef node = placed.getNode(i);
      String device = devices.get(node.getName());
      placed.setNode(i, node.toBuilder().setDevice(device.isEmpty() ? fallback : device));
    }
    return placed.build();
  }

  /** The op an input names: {@code op}, {@code op:1} and {@code ^op} all name {@code op}. */
  static String source(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
