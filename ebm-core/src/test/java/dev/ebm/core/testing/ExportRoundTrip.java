package dev.ebm.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.export.SavedModelExport;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.TensorIO;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.family.TFloating;

/**
 * Exports a model, loads it back with {@link SavedModelBundle} in a fresh graph and checks that its
 * energies and scores are the very numbers the model gives in a graph of its own, and that the
 * signatures have the documented names, dtypes and shapes.
 */
public final class ExportRoundTrip {

  private ExportRoundTrip() {}

  /**
   * Runs the round trip on the batch {@code x} ({@code [batch] + sampleShape}, row-major), with
   * noise levels {@code sigma} ({@code [batch]}) for a noise-conditional model.
   */
  public static <T extends TFloating> void check(
      EnergyModel model,
      ParameterSnapshot values,
      Class<T> type,
      Path directory,
      int batch,
      double[] x,
      double[] sigma)
      throws IOException {
    boolean conditional = model instanceof NoiseConditionalEnergyModel;
    Shape xShape = Shape.of(batch).append(model.sampleShape());
    double[][] expected = evaluateDirectly(model, values, type, xShape, x, sigma);
    SavedModelExport.export(model, values, directory, type, false);
    DataType dtype = TensorIO.tensor(type, Shape.scalar(), new double[] {0}).dataType();
    try (SavedModelBundle bundle =
        SavedModelBundle.load(directory.toString(), SavedModelExport.TAG)) {
      Map<String, Signature> signatures = new HashMap<>();
      bundle.signatures().forEach(s -> signatures.put(s.key(), s));
      assertEquals(Set.of("serving_default", "energy", "score"), signatures.keySet());
      Set<String> inputs = conditional ? Set.of("x", "sigma") : Set.of("x");
      Shape batchOfX = Shape.of(-1).append(model.sampleShape());
      for (Signature signature : signatures.values()) {
        assertEquals(inputs, signature.inputNames(), signature.key());
        if (conditional) {
          assertArrayEquals(new long[] {-1}, signature.getInputs().get("sigma").shape.asArray());
        }
        assertEquals(dtype, signature.getInputs().get("x").dataType);
        assertArrayEquals(batchOfX.asArray(), signature.getInputs().get("x").shape.asArray());
      }
      assertEquals(Set.of("energy"), signatures.get("energy").outputNames());
      assertArrayEquals(
          new long[] {-1}, signatures.get("energy").getOutputs().get("energy").shape.asArray());
      assertEquals(dtype, signatures.get("energy").getOutputs().get("energy").dataType);
      assertEquals(Set.of("score"), signatures.get("score").outputNames());
      assertArrayEquals(
          batchOfX.asArray(), signatures.get("score").getOutputs().get("score").shape.asArray());
      assertEquals(Set.of("energy"), signatures.get("serving_default").outputNames());
      for (String key : List.of("serving_default", "energy", "score")) {
        Map<String, Tensor> arguments = new HashMap<>();
        arguments.put("x", TensorIO.tensor(type, xShape, x));
        if (conditional) {
          arguments.put("sigma", TensorIO.tensor(type, Shape.of(batch), sigma));
        }
        try (Result result = bundle.function(key).call(arguments)) {
          double[] actual = TensorIO.toDoubles(result.get(0));
          assertArrayEquals(key.equals("score") ? expected[1] : expected[0], actual, 0.0, key);
        } finally {
          arguments.values().forEach(Tensor::close);
        }
      }
    }
  }

  private static <T extends TFloating> double[][] evaluateDirectly(
      EnergyModel model,
      ParameterSnapshot values,
      Class<T> type,
      Shape xShape,
      double[] x,
      double[] sigma) {
    try (ModelGraph<T> graph = ModelGraph.create(type, 0)) {
      Ops tf = graph.ops();
      VariableSet<T> variables =
          graph.createVariables("model", values.asSpecs(model.parameterSpecs()));
      Placeholder<T> input = graph.placeholder("x", Shape.of(-1).append(model.sampleShape()));
      Placeholder<T> noise = graph.placeholder("sigma", Shape.of(-1));
      Operand<T> energy =
          model instanceof NoiseConditionalEnergyModel conditional
              ? conditional.energy(tf, input, noise, variables.read())
              : model.energy(tf, input, variables.read());
      Operand<T> score = Gradients.score(tf, energy, input);
      graph.initialize();
      try (Feeds feeds = Feeds.none().put(input, TensorIO.tensor(type, xShape, x))) {
        if (sigma != null) {
          feeds.put(noise, TensorIO.tensor(type, Shape.of(xShape.get(0)), sigma));
        }
        // One run per output, as each signature fetches one: fetching both together lets the
        // graph optimiser fuse ops differently and change the last float bits.
        return new double[][] {graph.evaluate(energy, feeds), graph.evaluate(score, feeds)};
      }
    }
  }
}
