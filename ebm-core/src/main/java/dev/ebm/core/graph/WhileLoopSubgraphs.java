package dev.ebm.core.graph;

import java.lang.reflect.Field;
import java.util.Map;
import org.tensorflow.Graph;

/**
 * Removes a while loop's condition and body graphs from TensorFlow Java's registry of live graphs
 * once the loop is built. Needed with TensorFlow Java 1.1.0, whose {@code Graph.whileLoop} wraps
 * each subgraph in a {@code Graph} that it registers in {@code Graph.ALL_GRAPHS} (a {@code
 * WeakHashMap} keyed by the native graph's id) and never closes: after {@code TF_FinishWhile} frees
 * the subgraph, a graph created later at the same native address is registered under the stale
 * entry's key object, and when the orphaned wrapper is garbage-collected the entry — now the new
 * graph's — is dropped. The new graph's next gradient through a custom gradient then fails with
 * "Graph not found" ({@code Graph.findGraph}), at a time that depends on the collector: a test that
 * fails only sometimes. Forgetting the subgraphs as soon as the loop is built removes the stale
 * keys before any address can be reused.
 *
 * <p>This reaches into a private field; switch to the public API when TensorFlow Java closes or
 * unregisters while-loop subgraphs itself (or exposes {@code Graph.close} for them without freeing
 * the native subgraph again).
 */
public final class WhileLoopSubgraphs {

  private static final Field ALL_GRAPHS = field("ALL_GRAPHS");
  private static final Field NATIVE_ID = field("nativeId");

  private WhileLoopSubgraphs() {}

  /**
   * Removes {@code subgraph} (a condition or body graph that {@code Graph.whileLoop} handed to its
   * builder) from the registry; call it after {@code whileLoop} returns, never on a graph of one's
   * own.
   */
  public static void forget(Graph subgraph) {
    try {
      Object id = NATIVE_ID.get(subgraph);
      if (id != null) {
        registry().remove(id);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read TensorFlow Java's graph registry", e);
    }
  }

  /** The number of graphs TensorFlow Java holds as live (for tests). */
  public static int registered() {
    return registry().size();
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Graph> registry() {
    try {
      return (Map<Object, Graph>) ALL_GRAPHS.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read TensorFlow Java's graph registry", e);
    }
  }

  private static Field field(String name) {
    try {
      Field field = Graph.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "TensorFlow Java's Graph has no field "
              + name
              + ": its while-loop subgraph registry changed; revisit WhileLoopSubgraphs",
          e);
    }
  }
}
