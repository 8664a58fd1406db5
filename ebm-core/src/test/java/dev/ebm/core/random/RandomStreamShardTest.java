package dev.ebm.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ebm.core.graph.ModelGraph;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A shard of a random stream draws, for its n rows, exactly rows {@code [i·n, (i+1)·n)} of what the
 * whole stream draws for N·n rows, for every kind of draw and in child and loop streams.
 */
class RandomStreamShardTest {

  @Test
  void eachShardDrawsItsRowsOfTheWholeDraw() {
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 5)) {
      Ops tf = g.ops();
      RandomStream whole = RandomStream.of(tf, 11L, tf.constant(7L)).child(tf, "noise");
      double[] normal =
          g.evaluate(whole.normal(tf, tf.constant(new long[] {6, 2}), TFloat32.class));
      double[] uniform = g.evaluate(whole.uniform(tf, tf.constant(new int[] {6}), TFloat32.class));
      double[] integers = g.evaluate(whole.integers(tf, tf.constant(new long[] {6, 1, 3}), 10));
      double[] looped =
          g.evaluate(
              whole
                  .atIteration(tf, tf.constant(4))
                  .normal(tf, tf.constant(new long[] {6, 2}), TFloat32.class));
      for (int i = 0; i < 3; i++) {
        RandomStream shard =
            RandomStream.of(tf, 11L, tf.constant(7L)).shard(i, 3).child(tf, "noise");
        assertArrayEquals(
            rows(normal, i * 2, 2, 2),
            g.evaluate(shard.normal(tf, tf.constant(new long[] {2, 2}), TFloat32.class)));
        assertArrayEquals(
            rows(uniform, i * 2, 2, 1),
            g.evaluate(shard.uniform(tf, tf.constant(new int[] {2}), TFloat32.class)));
        assertArrayEquals(
            rows(integers, i * 2, 2, 3),
            g.evaluate(shard.integers(tf, tf.constant(new long[] {2, 1, 3}), 10)));
        assertArrayEquals(
            rows(looped, i * 2, 2, 2),
            g.evaluate(
                shard
                    .atIteration(tf, tf.constant(4))
                    .normal(tf, tf.constant(new long[] {2, 2}), TFloat32.class)));
      }
    }
  }

  @Test
  void scalarsAreTheSameInEveryShard() {
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 5)) {
      Ops tf = g.ops();
      Operand<TFloat32> whole =
          RandomStream.of(tf, 3L, tf.constant(1L))
              .normal(tf, tf.constant(new long[0]), TFloat32.class);
      Operand<TFloat32> second =
          RandomStream.of(tf, 3L, tf.constant(1L))
              .shard(1, 2)
              .normal(tf, tf.constant(new long[0]), TFloat32.class);
      assertArrayEquals(g.evaluate(whole), g.evaluate(second));
    }
  }

  @Test
  void shardsAreCheckedByName() {
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 5)) {
      RandomStream stream = RandomStream.of(g.ops(), 3L, g.ops().constant(1L));
      assertThrows(IllegalArgumentException.class, () -> stream.shard(2, 2));
      assertThrows(IllegalArgumentException.class, () -> stream.shard(0, 2).shard(0, 2));
    }
  }

  private static double[] rows(double[] values, int first, int count, int width) {
    return Arrays.copyOfRange(values, first * width, (first + count) * width);
  }
}
