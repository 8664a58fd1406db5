package dev.ebm.core.distributed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;

/**
 * Runs a built graph on a cluster. The session runs a copy of the graph in which every op has a
 * device ({@link UnplacedOps}): ops keep the devices they were built with, and the ops TensorFlow's
 * gradients created without one follow their neighbours. Feeds, fetches and targets of the built
 * graph are run in the copy by name. The copy is made when the session opens, so ops added to the
 * built graph afterwards cannot run; {@link #isStale} says when that happened.
 *
 * <p>Variables live in the tasks' servers, not in this process: the session's initialisers, or a
 * restore, give them their values, as in a local session.
 */
public final class ClusterSession implements AutoCloseable {

  private final Graph built;
  private final Graph placed;
  private final Session session;
  private final int builtOps;
  private final GraphDef definition;

  private ClusterSession(
      Graph built, Graph placed, Session session, int builtOps, GraphDef definition) {
    this.built = built;
    this.placed = placed;
    this.session = session;
    this.builtOps = builtOps;
    this.definition = definition;
  }

  /**
   * Opens a session on {@code target} for {@code graph} as it is now, placing the ops without a
   * device by their neighbours or on {@code fallbackDevice}.
   */
  public static ClusterSession open(
      Graph graph, String target, String fallbackDevice, ConfigProto config) {
    Graph placed = new Graph();
    try {
      GraphDef definition = UnplacedOps.placeByNeighbours(graph.toGraphDef(), fallbackDevice);
      placed.importGraphDef(definition);
      return new ClusterSession(
          graph, placed, RemoteSession.open(placed, target, config), countOps(graph), definition);
    } catch (RuntimeException e) {
      placed.close();
      throw e;
    }
  }

  /** The bytes a call with these fetches and targets sends between tasks. */
  public CrossTaskTraffic traffic(List<? extends Operand<?>> fetches, List<? extends Op> targets) {
    List<String> roots = new ArrayList<>();
    fetches.forEach(f -> roots.add(f.op().name()));
    targets.forEach(t -> roots.add(t.op().name()));
    return CrossTaskTraffic.of(definition, built, roots);
  }

  /** Whether ops were added to the built graph after this session opened. */
  public boolean isStale() {
    return countOps(built) != builtOps;
  }

  /**
   * A runner with the given feeds, fetches and targets of the built graph; like a local session, it
   * runs the initialisers not yet run (none after a restore) first.
   */
  public Session.Runner runner(
      Map<? extends Operand<?>, ? extends Tensor> feeds,
      List<? extends Operand<?>> fetches,
      List<? extends Op> targets) {
    session.initialize();
    Session.Runner runner = session.runner();
    feeds.forEach(
        (operand, tensor) -> {
          Output<?> output = operand.asOutput();
          runner.feed(output.op().name(), output.index(), tensor);
        });
    for (Operand<?> fetch : fetches) {
      Output<?> output = fetch.asOutput();
      runner.fetch(output.op().name(), output.index());
    }
    for (Op target : targets) {
      runner.addTarget(placed.operationOrThrow(target.op().name()));
    }
    return runner;
  }

  /** Runs the initialisers not yet run. */
  public void initialize() {
    session.initialize();
  }

  /** Writes every variable to the checkpoint {@code prefix} (written by the master's task). */
  public void save(String prefix) {
    session.initialize();
    session.save(prefix);
  }

  /** Restores every variable from the checkpoint {@code prefix} (read by the master's task). */
  public void restore(String prefix) {
    session.restore(prefix);
  }

  private static int countOps(Graph graph) {
    int n = 0;
    for (Iterator<GraphOperation> ops = graph.operations(); ops.hasNext(); ops.next()) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    session.close();
    placed.close();
  }
}
