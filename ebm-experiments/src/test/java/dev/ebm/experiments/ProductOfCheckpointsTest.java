package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.ProductOfExperts;
import dev.ebm.core.trained.TrainedModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A product of experts built from two training runs' checkpoints gives {@code 1·E₁ + 0.5·E₂} with
 * each expert's checkpointed values, and none of its parameters is trainable.
 */
class ProductOfCheckpointsTest {

  @Test
  void expertsFromTheirOwnCheckpointsSumTheirWeightedEnergies(@TempDir Path dir) throws Exception {
    Path moons = dir.resolve("moons");
    Path rings = dir.resolve("rings");
    assertEquals(
        0,
        Ebm.commandLine()
            .execute(
                "train",
                "--data",
                "toy:moons",
                "--model",
                "mlp:hidden=8:8",
                "--method",
                "dsm",
                "--steps",
                "10",
                "--batch",
                "32",
                "--checkpoint-every",
                "10",
                "--run",
                moons.toString()));
    assertEquals(
        0,
        Ebm.commandLine()
            .execute(
                "train",
                "--data",
                "toy:rings",
                "--model",
                "mlp:hidden=4:4,activation=tanh",
                "--method",
                "nce",
                "--steps",
                "10",
                "--batch",
                "32",
                "--checkpoint-every",
                "10",
                "--run",
                rings.toString()));
    TrainedModel first = Trained.model(moons);
    TrainedModel second = Trained.model(rings);
    ProductOfExperts product =
        new ProductOfExperts(List.of(first.asFrozenExpert(1.0), second.asFrozenExpert(0.5)));
    assertEquals(0, product.parameterSpecs().stream().filter(s -> s.isTrainable()).count());
    double[] x = {0.1, -0.3, 1.2, 0.7, -2.0, 0.4};
    double[] e1 = energies(first.model(), first.parameters(), x);
    double[] e2 = energies(second.model(), second.parameters(), x);
    double[] expected = {e1[0] + 0.5 * e2[0], e1[1] + 0.5 * e2[1], e1[2] + 0.5 * e2[2]};
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      Parameters<TFloat32> p = graph.createVariables("poe", product.parameterSpecs()).read();
      Operand<TFloat32> energy =
          product.energy(
              graph.ops(),
              graph
                  .ops()
                  .constant(
                      Shape.of(3, 2), org.tensorflow.ndarray.buffer.DataBuffers.of(toFloats(x))),
              p);
      graph.initialize();
      assertArrayEquals(expected, graph.evaluate(energy), 1e-5);
    }
  }

  private static double[] energies(EnergyModel model, ParameterSnapshot values, double[] x) {
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      Parameters<TFloat32> p =
          graph.createVariables("m", values.asSpecs(model.parameterSpecs())).read();
      Operand<TFloat32> energy =
          model.energy(
              graph.ops(),
              graph
                  .ops()
                  .constant(
                      Shape.of(3, 2), org.tensorflow.ndarray.buffer.DataBuffers.of(toFloats(x))),
              p);
      graph.initialize();
      return graph.evaluate(energy);
    }
  }

  private static float[] toFloats(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
