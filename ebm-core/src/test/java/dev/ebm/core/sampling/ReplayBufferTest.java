package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.random.RandomStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

class ReplayBufferTest {

  @Test
  void drawsDistinctEntriesRestartsAboutFivePercentAndWritesBack() {
    int capacity = 1000;
    int batch = 200;
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 4)) {
      Ops tf = g.ops();
      ReplayBuffer<TFloat64> buffer =
          ReplayBuffer.create(g, "buffer", Shape.of(1), capacity, 0.05, ChainInit.uniform(-1, 1));
      Placeholder<TInt64> step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      RandomStream stream = RandomStream.of(tf, g.seed("buffer"), step);
      ReplayBuffer.Draw<TFloat64> draw = buffer.draw(tf, batch, stream);
      // Finished chains are marked by adding 10: entries written back move outside [−1, 1].
      Op write = buffer.write(tf, draw, tf.math.add(draw.entries(), tf.constant(10.0)));
      Operand<TFloat64> contents = tf.identity(buffer.contents());

      for (long s = 0; s < 20; s++) {
        try (var feeds = dev.ebm.core.graph.Feeds.none().put(step, TInt64.scalarOf(s));
            var fetched = g.run(feeds, List.of(draw.entries(), draw.indices()), List.of(write))) {
          double[] indices = fetched.doubles(1);
          Set<Double> distinct = new HashSet<>();
          for (double i : indices) {
            distinct.add(i);
          }
          assertEquals(batch, distinct.size(), "entries drawn in one step are distinct");
        }
      }
      double[] after = g.evaluate(contents);
      int written = 0;
      for (double x : after) {
        if (x > 5) {
          written++;
        }
      }
      // 20 draws of 200 from 1000 touch 1 − 0.8^20 ≈ 99 % of the entries.
      assertTrue(written > 950, "entries written back: " + written);
    }
  }

  @Test
  void restartsFollowTheReinitialisationProbability() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 4)) {
      Ops tf = g.ops();
      ReplayBuffer<TFloat64> buffer =
          ReplayBuffer.create(g, "buffer", Shape.of(1), 5000, 0.05, ChainInit.uniform(-1, 1));
      Placeholder<TInt64> step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      // Mark every entry as used, then count how many drawn chains come back as fresh noise.
      Op fill =
          tf.assign(
              buffer.contents(), tf.math.add(tf.zerosLike(buffer.contents()), tf.constant(10.0)));
      g.run(dev.ebm.core.graph.Feeds.none(), List.of(fill));
      ReplayBuffer.Draw<TFloat64> draw = buffer.draw(tf, 4000, RandomStream.of(tf, 1L, step));
      int fresh = 0;
      try (var feeds = dev.ebm.core.graph.Feeds.none().put(step, TInt64.scalarOf(0))) {
        for (double x : g.evaluate(draw.entries(), feeds)) {
          if (x < 5) {
            fresh++;
          }
        }
      }
      // Binomial(4000, 0.05): mean 200, sd 13.8.
      assertEquals(200, fresh, 4 * 13.8);
    }
  }

  @Test
  void refusesToDrawMoreThanItHolds() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 4)) {
      ReplayBuffer<TFloat64> buffer =
          ReplayBuffer.create(g, "buffer", Shape.of(1), 10, 0.05, ChainInit.uniform(-1, 1));
      assertThrows(
          IllegalArgumentException.class,
          () -> buffer.draw(g.ops(), 11, RandomStream.of(g.ops(), 1L, g.ops().constant(0L))));
    }
  }
}
