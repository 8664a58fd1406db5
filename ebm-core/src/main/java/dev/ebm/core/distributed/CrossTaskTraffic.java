package dev.ebm.core.distributed;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The bytes one session call sends between tasks: of the ops the call runs (those its fetches and
 * targets need), TensorFlow sends a tensor once to each task that has a consumer of it, so each
 * distinct (tensor, receiving task) pair whose producer is on another task counts its size once —
 * except a variable's value (a reference), which is sent for every read, since reads in successive
 * steps see successive values. Sizes come from the built graph's static shapes; a tensor of unknown
 * size counts as 0, so the figure is a lower bound then (all tensors of a training step have static
 * shapes).
 *
 * @param bytes the bytes sent, keyed by {@code from → to} task names ({@code job:index})
 */
public record CrossTaskTraffic(Map<String, Long> bytes) {

  /**
   * The traffic of a call of {@code placed} that fetches or targets the ops named {@code roots},
   * sized with {@code built}'s shapes.
   */
  public static CrossTaskTraffic of(GraphDef placed, Graph built, Collection<String> roots) {
    Map<String, NodeDef> nodes = new HashMap<>();
    Map<String, String> tasks = new HashMap<>();
    for (NodeDef node : placed.getNodeList()) {
      nodes.put(node.getName(), node);
      tasks.put(node.getName(), task(node.getDevice()));
    }
    Set<String> run = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      NodeDef node = nodes.get(name);
      if (node != null && run.add(name)) {
        node.getInputList().forEach(input -> pending.push(UnplacedOps.source(input)));
      }
    }
    Set<String> sent = new HashSet<>();
    Map<String, Long> bytes = new TreeMap<>();
    for (NodeDef node : placed.getNodeList()) {
      if (!run.contains(node.getName())) {
        continue;
      }
      String to = tasks.get(node.getName());
      for (String input : node.getInputList()) {
        if (input.startsWith("^")) {
          continue;
        }
        int colon = input.indexOf(':');
        String source = UnplacedOps.source(input);
        int index = colon < 0 ? 0 : Integer.parseInt(input.substring(colon + 1));
        String from = tasks.get(source);
        if (from != null
            && !from.equals(to)
            && (isReference(built, source, index) || sent.add(input + "→" + to))) {
          bytes.merge(from + " → " + to, size(built, source, index), Long::sum);
        }
      }
    }
    return new CrossTaskTraffic(bytes);
  }

  /** This traffic divided by {@code calls}, e.g. per step of a call that runs several. */
  public CrossTaskTraffic per(int calls) {
    Map<String, Long> divided = new TreeMap<>();
    bytes.forEach((route, n) -> divided.put(route, n / calls));
    return new CrossTaskTraffic(divided);
  }

  /** The total bytes sent. */
  public long total() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The bytes {@code task} receives. */
  public long receivedBy(String task) {
    return sum(" → " + task, true);
  }

  /** The bytes {@code task} sends. */
  public long sentBy(String task) {
    return sum(task + " → ", false);
  }

  private long sum(String affix, boolean suffix) {
    return bytes.entrySet().stream()
        .filter(e -> suffix ? e.getKey().endsWith(affix) : e.getKey().startsWith(affix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * {@code job:index} of a device name such as {@code /job:worker/replica:0/task:1/device:CPU:0}.
   */
  static String task(String device) {
    String job = "";
    String index = "0";
    for (String part : device.split("/")) {
      if (part.startsWith("job:")) {
        job = part.substring(4);
      } else if (part.startsWith("task:")) {
        index = part.substring(5);
      }
    }
    return job + ":" + index;
  }

  private static boolean isReference(Graph built, String op, int index) {
    GraphOperation operation = built.operation(op);
    return operation != null && operation.output(index).dataType().getNumber() > 100;
  }

  private static long size(Graph built, String op, int index) {
    GraphOperation operation = built.operation(op);
    if (operation == null) {
      return 0;
    }
    Output<?> output = operation.output(index);
    long elements = output.shape().hasUnknownDimension() ? 0 : output.shape().size();
    return elements * bytesPerElement(output);
  }

  private static int bytesPerElement(Output<?> output) {
    return switch (output.dataType()) {
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_FLOAT, DT_INT32, DT_UINT32 -> 4;
      case DT_HALF, DT_BFLOAT16, DT_INT16, DT_UINT16 -> 2;
      case DT_BOOL, DT_INT8, DT_UINT8 -> 1;
      default -> 4;
    };
  }
}
