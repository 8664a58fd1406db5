package dev.ebm.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.model.Smoothness;
import dev.ebm.core.testing.ExportRoundTrip;
import dev.ebm.core.testing.GradientCheck;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Shape errors, export round trips and provider lookup for every shipped architecture. */
@ExtendWith(ReportSeedOnFailure.class)
class ModelContractsTest {

  static Stream<Arguments> models() {
    return ModelZoo.small().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void wrongInputShapeIsAnErrorNamingBothShapes(String label, EnergyModel model) {
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = g.createVariables("model", model.parameterSpecs());
      Placeholder<TFloat32> wrong = g.placeholder("x", Shape.of(-1, 3, 5));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> model.energy(g.ops(), wrong, variables.read()));
      String expected = model.sampleShape().toString();
      assertTrue(
          e.getMessage().contains(expected) && e.getMessage().contains("[-1, 3, 5]"),
          e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void exportedModelGivesTheSameEnergiesAndScores(
      String label, EnergyModel model, @TempDir Path dir) throws Exception {
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 3)) {
      VariableSet<TFloat32> variables = g.createVariables("model", model.parameterSpecs());
      g.initialize();
      values = ParameterSnapshot.read(g, variables.read());
    }
    SplittableRandom random = TestSeeds.random(label.hashCode());
    int batch = 3;
    double[] x = GradientCheck.uniform(random, batch * (int) model.sampleShape().size(), -1, 1);
    double[] sigma =
        model instanceof NoiseConditionalEnergyModel ? new double[] {0.1, 0.5, 1.0} : null;
    ExportRoundTrip.check(model, values, TFloat32.class, dir.resolve("export"), batch, x, sigma);
  }

  @Test
  void providersAreFoundByNameWithTheirDefaults() {
    assertEquals(
        List.of("convnet", "gaussian", "mlp", "multiscale", "resnet"),
        EnergyModelProvider.all().stream()
            .map(EnergyModelProvider::name)
            .filter(n -> !n.startsWith("test"))
            .toList());
    EnergyModel mlp = EnergyModelProvider.byName("mlp").create(Shape.of(2), Options.none("mlp"));
    assertEquals(
        2 * 128 + 128 + 128 * 128 + 128 + 128 + 1,
        mlp.parameterSpecs().stream().mapToLong(s -> s.size()).sum());
    EnergyModel conditional =
        EnergyModelProvider.byName("convnet")
            .create(
                Shape.of(28, 28, 1), Options.parse("convnet", "noise_conditional=true,sigma=0.05"));
    assertTrue(conditional instanceof NoiseConditionalEnergyModel);
    assertEquals(0.05, ((NoiseConditionalEnergyModel) conditional).defaultSigma());
    EnergyModel relu =
        EnergyModelProvider.byName("mlp")
            .create(Shape.of(2), Options.parse("mlp", "activation=relu"));
    assertEquals(Smoothness.PIECEWISE_LINEAR, relu.smoothness());
  }

  @ParameterizedTest(name = "{0}x{0}x{1}")
  @org.junit.jupiter.params.provider.CsvSource({"28, 1", "32, 3"})
  void convNetGivesOneEnergyPerImageAtThePapersSizes(int size, int channels) {
    EnergyModel model =
        new ConvNetEnergy(
            Shape.of(size, size, channels), 4, dev.ebm.models.layers.Activation.SWISH);
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = g.createVariables("model", model.parameterSpecs());
      g.initialize();
      double[] energies =
          g.evaluate(
              model.energy(
                  g.ops(),
                  g.ops()
                      .zeros(
                          g.ops().constant(new long[] {5, size, size, channels}), TFloat32.class),
                  variables.read()));
      assertEquals(5, energies.length);
    }
  }

  @Test
  void anMlpsEnergyScaleMultipliesItsEnergyAndNothingElse() {
    EnergyModel plain =
        EnergyModelProvider.byName("mlp").create(Shape.of(2), Options.parse("mlp", "hidden=8"));
    EnergyModel scaled =
        EnergyModelProvider.byName("mlp")
            .create(Shape.of(2), Options.parse("mlp", "hidden=8,energy_scale=128"));
    assertEquals(plain.parameterSpecs(), scaled.parameterSpecs());
    try (ModelGraph<TFloat32> g = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = g.createVariables("model", plain.parameterSpecs());
      g.initialize();
      org.tensorflow.Operand<TFloat32> x =
          g.ops().constant(new float[][] {{0.5f, -1f}, {2f, 0.25f}});
      double[] e = g.evaluate(plain.energy(g.ops(), x, variables.read()));
      double[] e128 = g.evaluate(scaled.energy(g.ops(), x, variables.read()));
      for (int i = 0; i < e.length; i++) {
        assertEquals(128 * e[i], e128[i], 1e-4 * Math.abs(e128[i]) + 1e-5);
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            EnergyModelProvider.byName("mlp")
                .create(Shape.of(2), Options.parse("mlp", "energy_scale=0")));
  }

  @Test
  void badOptionsAreErrorsNamingTheOption() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EnergyModelProvider.byName("resnet")
                    .create(Shape.of(32, 32, 3), Options.parse("resnet", "filter=8")));
    assertTrue(unknown.getMessage().contains("filter"), unknown.getMessage());
    IllegalArgumentException flat =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EnergyModelProvider.byName("convnet").create(Shape.of(2), Options.none("convnet")));
    assertTrue(flat.getMessage().contains("[height, width, channels]"), flat.getMessage());
    IllegalArgumentException stages =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EnergyModelProvider.byName("multiscale")
                    .create(Shape.of(28, 28, 1), Options.parse("multiscale", "stages=29")));
    assertEquals(
        "resnet's last stage would have filters·2^(stages−1) = 16·2^28 channels, more than"
            + " 2³¹−1; use fewer stages (each doubles the channels) or fewer filters",
        stages.getMessage());
  }
}
