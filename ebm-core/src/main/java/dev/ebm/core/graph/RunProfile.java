package dev.ebm.core.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.StepStats;

/**
 * TensorFlow's step statistics of one traced session call, grouped by op type: how many ops of each
 * type ran and their summed op time ({@code op_end − op_start} of every execution, over all
 * threads, so the total can exceed the call's wall time on several cores). Op types are the kernels
 * that ran, after Grappler's rewrites (e.g. {@code _MklMatMul}, {@code _FusedMatMul}).
 *
 * @param byType one entry per op type, by descending op time
 */
public record RunProfile(List<OpType> byType) {

  /**
   * One op type's share of a call.
   *
   * @param type the kernel's op type
   * @param executions how many times ops of this type ran
   * @param micros their summed op time in microseconds
   */
  public record OpType(String type, long executions, double micros) {}

  public RunProfile {
    byType = List.copyOf(byType);
  }

  /** Groups the node statistics of {@code stats} by op type. */
  static RunProfile of(StepStats stats) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Double> micros = new LinkedHashMap<>();
    for (DeviceStepStats device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        String type = opType(node);
        counts.computeIfAbsent(type, t -> new long[1])[0]++;
        double time = (node.getOpEndRelNanos() - node.getOpStartRelNanos()) / 1e3;
        if (time == 0) {
          time = node.getOpEndRelMicros() - node.getOpStartRelMicros();
        }
        micros.merge(type, time, Double::sum);
      }
    }
    List<OpType> types = new ArrayList<>();
    counts.forEach((type, n) -> types.add(new OpType(type, n[0], micros.get(type))));
    types.sort(Comparator.comparingDouble(OpType::micros).reversed());
    return new RunProfile(types);
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
