package dev.ebm.experiments.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;

/**
 * The floating-point operations of the matrix products and convolutions a session call runs,
 * counted from their static shapes: {@code 2·m·n·k} for a product of {@code [m, k]} by {@code [k,
 * n]}, and {@code 2·N·H'·W'·C'·kh·kw·C} for a convolution and for each of its two backward ops.
 * Only the ops the call needs count (those its fetches and targets reach through data and control
 * inputs, as the session prunes them). These dominate every workload's arithmetic; element-wise
 * ops, reductions and the optimiser are not counted, so the figure is a slight underestimate. A
 * while loop's body counts once (one iteration).
 */
final class GraphFlops {

  private GraphFlops() {}

  /** The counted operations of the ops that {@code roots} need. */
  static double count(List<? extends Operation> roots) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> pending = new ArrayDeque<>();
    for (Operation root : roots) {
      pending.push((GraphOperation) root);
    }
    double total = 0;
    while (!pending.isEmpty()) {
      GraphOperation op = pending.pop();
      if (!seen.add(op)) {
        continue;
      }
      total += of(op);
      for (int i = 0; i < op.numInputs(); i++) {
        pending.push((GraphOperation) op.input(i).op());
      }
      pending.addAll(op.controlInputs());
    }
    return total;
  }

  private static double of(GraphOperation op) {
    return switch (op.type()) {
      case "MatMul" -> matMul(op);
      case "Conv2D" -> convolution(op.output(0).shape(), op.input(1).shape());
      case "Conv2DBackpropInput" -> convolution(op.input(2).shape(), op.input(1).shape());
      case "Conv2DBackpropFilter" -> convolution(op.input(2).shape(), op.output(0).shape());
      default -> 0;
    };
  }

  private static double matMul(GraphOperation op) {
    Shape out = op.output(0).shape();
    Shape a = op.input(0).shape();
    if (!known(out) || !known(a) || out.numDimensions() != 2) {
      return 0;
    }
    long k = op.attributes().getAttrBool("transpose_a") ? a.get(0) : a.get(1);
    return 2.0 * out.get(0) * out.get(1) * k;
  }

  /** {@code 2 · elements of the conv's output · kh · kw · C_in}, from NHWC output, HWIO filter. */
  private static double convolution(Shape output, Shape filter) {
    if (!known(output) || !known(filter) || filter.numDimensions() != 4) {
      return 0;
    }
    return 2.0 * output.size() * filter.get(0) * filter.get(1) * filter.get(2);
  }

  private static boolean known(Shape shape) {
    return !shape.isUnknown() && !shape.hasUnknownDimension();
  }
}
