package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.testing.TestMlp;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class ModelGraphTest {

  /** Initial parameters, a noisy gradient step's result: everything random that a run touches. */
  private static double[] runOnce(long seed) {
    TestMlp model = new TestMlp(2, 16, TestMlp.Activation.SWISH);
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, seed)) {
      Ops tf = g.ops();
      VariableSet<TFloat32> vars = g.createVariables("model", model.parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("noise"), tf.constant(3L));
      Operand<TFloat32> x = stream.normal(tf, tf.constant(new long[] {64, 2}), TFloat32.class);
      Operand<TFloat32> energy = model.energy(tf, x, vars.read());
      Operand<TFloat32> score = Gradients.score(tf, energy, x);
      double[] first = g.evaluate(vars.read().get("dense0/kernel"));
      double[] scores = g.evaluate(score);
      double[] out = Arrays.copyOf(first, first.length + scores.length);
      System.arraycopy(scores, 0, out, first.length, scores.length);
      return out;
    }
  }

  @Test
  void sameSeedGivesBitIdenticalResults() {
    assertArrayEquals(runOnce(123), runOnce(123));
  }

  @Test
  void differentSeedsGiveDifferentResults() {
    assertFalse(Arrays.equals(runOnce(123), runOnce(124)));
  }

  @Test
  void initialisersDrawFromTheirDocumentedRanges() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 5)) {
      VariableSet<TFloat64> vars =
          g.createVariables(
              "init",
              List.of(
                  ParameterSpec.trainable("u", Shape.of(200, 50), Initializer.fanInUniform(200)),
                  ParameterSpec.trainable("glorot", Shape.of(200, 50), Initializer.glorotUniform()),
                  ParameterSpec.trainable("he", Shape.of(3, 3, 16, 32), Initializer.heNormal()),
                  ParameterSpec.trainable("c", Shape.of(4), Initializer.constant(0.25))));
      double[] u = g.evaluate(vars.read().get("u"));
      double limit = 1 / Math.sqrt(200);
      assertTrue(Arrays.stream(u).allMatch(v -> v >= -limit && v < limit));
      assertTrue(Arrays.stream(u).min().orElseThrow() < -0.9 * limit, "symmetric, not [0, limit)");
      double[] glorot = g.evaluate(vars.read().get("glorot"));
      double glorotLimit = Math.sqrt(6.0 / 250);
      assertTrue(Arrays.stream(glorot).allMatch(v -> Math.abs(v) <= glorotLimit));
      double[] he = g.evaluate(vars.read().get("he"));
      double variance = Arrays.stream(he).map(v -> v * v).average().orElseThrow();
      // fan-in of a 3×3×16 kernel is 144: variance 2/144.
      assertEquals(2.0 / 144, variance, 0.1 * 2.0 / 144);
      assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, g.evaluate(vars.read().get("c")));
    }
  }

  @Test
  void askingForAMissingGpuIsAClearError() {
    assumeFalse(Device.gpu(0).isAvailable(), "this machine has a GPU");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ModelGraph.create(
                    TFloat32.class, 1, SessionOptions.defaults().withDevice(Device.gpu(0))));
    assertTrue(e.getMessage().contains("gpu:0"), e.getMessage());
    assertTrue(e.getMessage().contains("CPU"), e.getMessage());
  }

  @Test
  void aScoreOnTheGpuMatchesTheCpusWhenAGpuIsPresent() {
    assumeTrue(Device.gpu(0).isAvailable(), "no GPU on this machine");
    double[] cpu = scoreOnDevice(Device.cpu());
    double[] gpu = scoreOnDevice(Device.gpu(0));
    assertEquals(cpu.length, gpu.length);
    for (int i = 0; i < cpu.length; i++) {
      assertEquals(cpu[i], gpu[i], 1e-5 * Math.max(1, Math.abs(cpu[i])), "coordinate " + i);
    }
  }

  /** The score of a seeded MLP at seeded points, computed on {@code device}. */
  private static double[] scoreOnDevice(Device device) {
    TestMlp model = new TestMlp(2, 16, TestMlp.Activation.SWISH);
    try (ModelGraph<TFloat32> g =
        ModelGraph.create(TFloat32.class, 11, SessionOptions.defaults().withDevice(device))) {
      Ops tf = g.ops();
      VariableSet<TFloat32> vars = g.createVariables("model", model.parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("points"), tf.constant(0L));
      Operand<TFloat32> x = stream.normal(tf, tf.constant(new long[] {64, 2}), TFloat32.class);
      return g.evaluate(Gradients.score(tf, model.energy(tf, x, vars.read()), x));
    }
  }

  @Test
  void parsesDeviceNames() {
    assertEquals(Device.cpu(), Device.parse("cpu"));
    assertEquals(Device.gpu(0), Device.parse("gpu"));
    assertEquals(Device.gpu(2), Device.parse("GPU:2"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
    assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("gpu:N"));
  }

  @Test
  void reusingAVariableScopeIsRefused() {
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 1)) {
      List<ParameterSpec> specs =
          List.of(ParameterSpec.trainable("w", Shape.of(2), Initializer.zeros()));
      g.createVariables("m", specs);
      assertThrows(IllegalArgumentException.class, () -> g.createVariables("m", specs));
    }
  }

  @Test
  void unknownParameterNamesListTheAvailableOnes() {
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 1)) {
      VariableSet<TFloat32> vars =
          g.createVariables(
              "m", List.of(ParameterSpec.trainable("a/w", Shape.of(2), Initializer.zeros())));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> vars.read().get("b"));
      assertTrue(e.getMessage().contains("a/w"), e.getMessage());
    }
  }
}
