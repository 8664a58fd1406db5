package dev.ebm.core.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.StepStats;
import org.tensorflow.proto.TensorShapeProto;

/**
 * TensorFlow's step statistics of one traced session call, grouped by op type: how many ops of each
 * type ran and their summed op time ({@code op_end − op_start} of every execution, over all
 * threads, so the total can exceed the call's wall time on several cores). Op types are the kernels
 * that ran, after Grappler's rewrites (e.g. {@code _MklMatMul}, {@code _FusedMatMul}). Grouped also
 * by op type and output shape, which tells a model's layers apart (the gradient of the first
 * convolution with respect to a 28 × 28 × 1 batch is {@code Conv2DBackpropInput [64,28,28,1]}).
 *
 * @param byType one entry per op type, by descending op time
 * @param byTypeAndShape one entry per op type and shape of its first output, by descending op time
 */
public record RunProfile(List<OpType> byType, List<OpType> byTypeAndShape) {

  /**
   * One op type's share of a call.
   *
   * @param type the kernel's op type, followed by its first output's shape where grouped by shape
   * @param executions how many times ops of this type ran
   * @param micros their summed op time in microseconds
   */
  public record OpType(String type, long executions, double micros) {}

  public RunProfile {
    byType = List.copyOf(byType);
    byTypeAndShape = List.copyOf(byTypeAndShape);
  }

  /** Groups the node statistics of {@code stats} by op type, and by op type and output shape. */
  static RunProfile of(StepStats stats) {
    Map<String, OpType> byType = new LinkedHashMap<>();
    Map<String, OpType> byTypeAndShape = new LinkedHashMap<>();
    for (DeviceStepStats device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        String type = opType(node);
        double time = (node.getOpEndRelNanos() - node.getOpStartRelNanos()) / 1e3;
        if (time == 0) {
          time = node.getOpEndRelMicros() - node.getOpStartRelMicros();
        }
        add(byType, type, time);
        add(byTypeAndShape, type + " " + outputShape(node), time);
      }
    }
    return new RunProfile(sorted(byType), sorted(byTypeAndShape));
  }

  private static void add(Map<String, OpType> groups, String key, double micros) {
    groups.merge(
        key,
        new OpType(key, 1, micros),
        (a, b) -> new OpType(key, a.executions() + 1, a.micros() + b.micros()));
  }

  private static List<OpType> sorted(Map<String, OpType> groups) {
    List<OpType> list = new ArrayList<>(groups.values());
    list.sort(Comparator.comparingDouble(OpType::micros).reversed());
    return list;
  }

  /** The shape of the node's first output, {@code [d0,d1,…]}; {@code [?]} where not recorded. */
  private static String outputShape(NodeExecStats node) {
    if (node.getOutputCount() == 0 || !node.getOutput(0).hasTensorDescription()) {
      return "[?]";
    }
    TensorShapeProto shape = node.getOutput(0).getTensorDescription().getShape();
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < shape.getDimCount(); i++) {
      text.append(i == 0 ? "" : ",").append(shape.getDim(i).getSize());
    }
    return text.append(']').toString();
  }

  /** The op type in a timeline label {@code "name = Type(inputs)"}, else the node's name. */
  private static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int equals = label.indexOf(" = ");
    if (equals >= 0) {
      int paren = label.indexOf('(', equals);
      return label.substring(equals + 3, paren < 0 ? label.length() : paren).trim();
    }
    return node.getNodeName();
  }

  /** The number of op executions. */
  public long executions() {
    return byType.stream().mapToLong(OpType::executions).sum();
  }

  /** The summed op time in microseconds. */
  public double micros() {
    return byType.stream().mapToDouble(OpType::micros).sum();
  }
}
