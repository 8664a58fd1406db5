package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat64;

/** A checkpoint holds every variable's value when it was saved, and a restore brings it back. */
class VariableCheckpointTest {

  @TempDir Path dir;

  @Test
  void aRestoreBringsBackTheValuesSavedAtThePrefix() {
    try (Graph graph = new Graph();
        SessionRunner runner = new SessionRunner(graph, SessionOptions.defaults())) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, SessionOptions.defaults());
      VariableSet<TFloat64> model =
          new VariableRegistry<>(placement, TFloat64.class, 1)
              .create(
                  "model",
                  List.of(ParameterSpec.trainable("w", Shape.of(2), Initializer.values(1, 2))));
      Op overwrite =
          placement
              .ops()
              .assign(model.variable("w"), placement.ops().constant(new double[] {8, 9}));
      VariableCheckpoint checkpoint = new VariableCheckpoint(runner, false);
      Path prefix = dir.resolve("variables");

      checkpoint.save(prefix);
      try (Feeds none = Feeds.none()) {
        runner.run(none, List.of(), List.of(overwrite)).close();
        assertArrayEquals(new double[] {8, 9}, read(runner, model), 0.0);
        checkpoint.restore(prefix);
        assertArrayEquals(new double[] {1, 2}, read(runner, model), 0.0);
      }
      assertTrue(Files.exists(dir.resolve("variables.index")));
    }
  }

  private static double[] read(SessionRunner runner, VariableSet<TFloat64> model) {
    try (Feeds none = Feeds.none();
        Fetched fetched = runner.run(none, List.of(model.read().get("w")), List.of())) {
      return fetched.doubles(0);
    }
  }
}
