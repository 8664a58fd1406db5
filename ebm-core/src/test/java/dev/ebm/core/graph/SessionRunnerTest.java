package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Running a graph: feeds, fetches, targets and the variables' first initialisation; a traced run;
 * and what a graph on a cluster refuses before any server is asked.
 */
class SessionRunnerTest {

  @TempDir Path dir;

  @Test
  void feedsFetchesAndInitialisesTheVariablesOnTheFirstRun() {
    try (Graph graph = new Graph();
        SessionRunner runner = new SessionRunner(graph, SessionOptions.defaults())) {
      Ops tf = Ops.create(graph);
      Operand<TFloat64> w =
          tf.withInitScope().variable(tf.withInitScope().constant(new double[] {2, 3}));
      Placeholder<TFloat64> x = tf.placeholder(TFloat64.class);
      Operand<TFloat64> y = tf.math.mul(x, w);
      try (Feeds feeds =
              Feeds.none()
                  .put(x, TensorIO.tensor(TFloat64.class, Shape.of(2), new double[] {5, 7}));
          Fetched fetched = runner.run(feeds, List.of(y, w), List.of())) {
        assertArrayEquals(new double[] {10, 21}, fetched.doubles(0), 0.0);
        assertArrayEquals(new double[] {2, 3}, fetched.doubles(1), 0.0);
      }
    }
  }

  @Test
  void aTracedRunCountsTheOpsItExecutedAndALocalRunSendsNothingBetweenTasks() {
    try (Graph graph = new Graph();
        SessionRunner runner = new SessionRunner(graph, SessionOptions.defaults());
        Feeds none = Feeds.none()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat64> y = tf.math.square(tf.constant(3.0));
      RunProfile profile = runner.runProfiled(none, List.of(y), List.of());
      assertTrue(profile.executions() >= 1, profile.toString());
      assertTrue(runner.crossTaskTraffic(List.of(y), List.of()).isEmpty());
    }
  }

  @Test
  void aTracedRunGroupsItsOpsByTypeAndByTypeAndOutputShape() {
    try (Graph graph = new Graph();
        SessionRunner runner = new SessionRunner(graph, SessionOptions.defaults())) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat64> x = tf.placeholder(TFloat64.class);
      Operand<TFloat64> rows = tf.reduceSum(tf.math.square(x), tf.constant(1));
      Operand<TFloat64> z = tf.reduceSum(tf.math.square(rows), tf.constant(0));
      try (Feeds feeds =
          Feeds.none().put(x, TensorIO.tensor(TFloat64.class, Shape.of(2, 3), new double[6]))) {
        RunProfile profile = runner.runProfiled(feeds, List.of(z), List.of());
        RunProfile.OpType squares =
            profile.byType().stream()
                .filter(t -> t.type().equals("Square"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(profile.toString()));
        assertEquals(2, squares.executions(), profile.toString());
        for (String shaped : List.of("Square [2,3]", "Square [2]")) {
          assertEquals(
              1,
              profile.byTypeAndShape().stream()
                  .filter(t -> t.type().equals(shaped))
                  .mapToLong(RunProfile.OpType::executions)
                  .sum(),
              profile.toString());
        }
        assertEquals(profile.micros(), sum(profile.byTypeAndShape()), 1e-6);
      }
    }
  }

  @Test
  void xlaJitCompilesClustersOnTheCpuAndComputesTheSameValues() {
    double[] values = {0.5, -1.5, 2.0, 3.0, -0.25, 1.0};
    double[] plain = null;
    for (boolean xla : new boolean[] {false, true}) {
      try (Graph graph = new Graph();
          SessionRunner runner =
              new SessionRunner(graph, SessionOptions.defaults().withXlaJit(xla))) {
        Ops tf = Ops.create(graph);
        Placeholder<TFloat64> x = tf.placeholder(TFloat64.class);
        Operand<TFloat64> y =
            tf.math.softplus(tf.math.add(tf.math.mul(x, x), tf.math.tanh(tf.math.exp(x))));
        try (Feeds feeds =
                Feeds.none().put(x, TensorIO.tensor(TFloat64.class, Shape.of(2, 3), values));
            Fetched fetched = runner.run(feeds, List.of(y), List.of())) {
          if (plain == null) {
            plain = fetched.doubles(0);
          } else {
            assertArrayEquals(plain, fetched.doubles(0), 1e-12);
          }
        }
        try (Feeds feeds =
            Feeds.none().put(x, TensorIO.tensor(TFloat64.class, Shape.of(2, 3), values))) {
          RunProfile profile = runner.runProfiled(feeds, List.of(y), List.of());
          boolean compiled = profile.byType().stream().anyMatch(t -> t.type().equals("_XlaRun"));
          assertEquals(xla, compiled, profile.toString());
        }
      }
    }
  }

  @Test
  void everySessionGetsTheIntraOpPoolItsOptionsAskFor() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "counts threads through /proc");
    try (Graph a = new Graph();
        Graph b = new Graph();
        Graph c = new Graph();
        SessionRunner first = new SessionRunner(a, SessionOptions.defaults().withThreads(1, 1))) {
      runOnce(a, first); // whatever TensorFlow starts once per process starts here
      long start = nativeThreads();
      try (SessionRunner one = new SessionRunner(b, SessionOptions.defaults().withThreads(1, 1))) {
        runOnce(b, one);
        long afterOne = nativeThreads();
        try (SessionRunner three =
            new SessionRunner(c, SessionOptions.defaults().withThreads(3, 1))) {
          runOnce(c, three);
          long afterThree = nativeThreads();
          // Each session starts its own pools: the third's intra-op pool has two threads more
          // than the second's. With one pool per process, sized by the first session, neither
          // would add any.
          assertEquals(2, (afterThree - afterOne) - (afterOne - start));
        }
      }
    }
  }

  private static void runOnce(Graph graph, SessionRunner runner) {
    Ops tf = Ops.create(graph);
    try (Feeds none = Feeds.none();
        Fetched fetched =
            runner.run(none, List.of(tf.math.square(tf.constant(new double[] {2}))), List.of())) {
      assertArrayEquals(new double[] {4}, fetched.doubles(0), 0.0);
    }
  }

  /** The process's native threads that TensorFlow started (named {@code java}, as the main one). */
  private static long nativeThreads() throws Exception {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks
          .filter(
              t -> {
                try {
                  return Files.readString(t.resolve("comm")).strip().equals("java");
                } catch (java.io.IOException gone) {
                  return false;
                }
              })
          .count();
    }
  }

  private static double sum(List<RunProfile.OpType> groups) {
    return groups.stream().mapToDouble(RunProfile.OpType::micros).sum();
  }

  @Test
  void aGraphOnAClusterIsNotExported() {
    SessionOptions cluster =
        SessionOptions.defaults()
            .onCluster(ClusterPlacement.of(new ClusterSpec(Map.of("worker", List.of("h1:1")))));
    try (Graph graph = new Graph();
        SessionRunner runner = new SessionRunner(graph, cluster)) {
      UnsupportedOperationException e =
          assertThrows(
              UnsupportedOperationException.class, () -> runner.exporter(dir.resolve("model")));
      assertEquals(
          "a graph on a cluster is not exported; export the run's checkpoint (ebm export)",
          e.getMessage());
    }
  }
}
