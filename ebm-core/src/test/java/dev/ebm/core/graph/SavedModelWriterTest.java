package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * A SavedModel written from a graph computes, when loaded back, what the graph computed with its
 * variables' values at the time of writing.
 */
class SavedModelWriterTest {

  @TempDir Path dir;

  @Test
  void aLoadedSavedModelComputesItsSignatureWithTheWrittenValues() throws IOException {
    Path directory = dir.resolve("model");
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      VariableSet<TFloat64> model =
          graph.createVariables(
              "model",
              List.of(ParameterSpec.trainable("w", Shape.of(2), Initializer.values(2, 3))));
      Placeholder<TFloat64> x = graph.placeholder("x", Shape.of(2));
      Operand<TFloat64> y = graph.ops().withName("y").math.mul(x, model.read().get("w"));
      graph.exportSavedModel(
          directory,
          List.of(Signature.builder().key("scale").input("x", x).output("y", y).build()));
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(directory.toString(), "serve");
        TFloat64 x = TensorIO.tensor(TFloat64.class, Shape.of(2), new double[] {5, 7});
        Result result = bundle.function("scale").call(Map.of("x", x))) {
      assertArrayEquals(
          new double[] {10, 21}, TensorIO.toDoubles(result.get("y").orElseThrow()), 0.0);
    }
  }
}
