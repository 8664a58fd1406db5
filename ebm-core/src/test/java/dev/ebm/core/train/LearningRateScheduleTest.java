package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.testing.TrainingFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The cosine learning-rate decay has its formula's values, in Java and in the graph; a training run
 * follows it (SGD's parameters stop moving once it reaches 0) and computes the same with several
 * steps per session call and after resuming.
 */
class LearningRateScheduleTest {

  @TempDir Path dir;

  @Test
  void theCosineDecayFallsFromOneToZeroAndStays() {
    LearningRateSchedule cosine = LearningRateSchedule.cosine(10);
    assertEquals(1.0, cosine.factor(0));
    assertEquals(0.5, cosine.factor(5), 1e-15);
    assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.3)), cosine.factor(3), 1e-15);
    assertEquals(0.0, cosine.factor(10), 1e-15);
    assertEquals(0.0, cosine.factor(25), 1e-15);
    assertEquals(1.0, LearningRateSchedule.constant().factor(1234));
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = graph.ops();
      for (long t : new long[] {0, 3, 5, 10, 25}) {
        double[] rate =
            graph.evaluate(cosine.learningRate(tf, 0.02, tf.constant(t), TFloat64.class));
        assertEquals(0.02 * cosine.factor(t), rate[0], 1e-15, "step " + t);
      }
    }
  }

  @Test
  void negativeOrEmptyDecaysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(-1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0));
    assertEquals(
        "a cosine decay needs at least 1 step, got 0; use constant() for none", e.getMessage());
  }

  /** SGD's parameters after {@code steps} steps under a decay over {@code decay} steps. */
  private static Map<String, double[]> sgd(long steps, long decay, int stepsPerCall, Path run)
      throws Exception {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program =
          TrainingFixture.program(
              graph,
              ProgramConfig.of(OptimizerConfig.sgd(0.05))
                  .withSchedule(LearningRateSchedule.cosine(decay)),
              stepsPerCall);
      TrainingFixture.trainer(program, Optional.of(run), steps, 3, List.of()).train();
      return ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()))
          .values();
    }
  }

  private static void assertSameValues(Map<String, double[]> expected, Map<String, double[]> got) {
    assertEquals(expected.keySet(), got.keySet());
    expected.forEach((name, values) -> assertArrayEquals(values, got.get(name), 0.0, name));
  }

  @Test
  void trainingFollowsTheDecayInEveryWayItRuns() throws Exception {
    Map<String, double[]> atThree = sgd(3, 4, 1, dir.resolve("three"));
    Map<String, double[]> atFour = sgd(4, 4, 1, dir.resolve("four"));
    Map<String, double[]> atSeven = sgd(7, 4, 1, dir.resolve("seven"));
    // Step 4 (t = 3) still moves; from t = 4 on the rate is 0.
    assertFalse(Arrays.equals(atThree.get(GaussianEnergy.MEAN), atFour.get(GaussianEnergy.MEAN)));
    assertSameValues(atFour, atSeven);

    Map<String, double[]> one = sgd(11, 20, 1, dir.resolve("one"));
    Map<String, double[]> three = sgd(11, 20, 3, dir.resolve("per-call"));
    assertSameValues(one, three);
    sgd(5, 20, 1, dir.resolve("resumed"));
    assertSameValues(one, sgd(11, 20, 2, dir.resolve("resumed")));
  }
}
