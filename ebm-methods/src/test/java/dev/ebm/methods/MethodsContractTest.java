package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.train.TrainingSummary;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.layers.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Service loading, impossible pairings, option errors, and that every method trains from one
 * interface.
 */
class MethodsContractTest {

  @Test
  void everyMethodIsFoundByNameIncludingOneDefinedOnlyInTestCode() {
    List<String> names =
        TrainingMethodProvider.all().stream().map(TrainingMethodProvider::name).toList();
    assertTrue(
        names.containsAll(
            List.of(
                "dsm",
                "esm",
                "improved-cd",
                "ml",
                "nce",
                "ncsn",
                "ssm",
                "ssm-vr",
                "test-denoising")),
        names.toString());
    assertEquals(
        "test-denoising",
        TrainingMethodProvider.byName("test-denoising").create(Options.none("t")).name());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> TrainingMethodProvider.byName("sm"));
    assertTrue(unknown.getMessage().contains("esm"), unknown.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"esm", "ssm", "ssm-vr"})
  void scoreMatchingRefusesAReluNetworkBeforeBuildingAnything(String name) {
    EnergyModel relu = new MlpEnergy(Shape.of(2), new int[] {8}, Activation.RELU, false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> build(relu, name, ""));
    assertTrue(
        e.getMessage().contains("tr(∇ₓ²E)") && e.getMessage().contains("dsm"), e.getMessage());
  }

  @Test
  void ncsnRefusesAModelWithoutANoiseLevel() {
    EnergyModel plain = new MlpEnergy(Shape.of(2), new int[] {8}, Activation.SOFTPLUS, false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> build(plain, "ncsn", ""));
    assertTrue(e.getMessage().contains("noise level"), e.getMessage());
  }

  @Test
  void badOptionsNameTheOption() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingMethodProvider.byName("dsm").create(Options.parse("dsm", "sigmas=0.1")));
    assertTrue(
        unknown.getMessage().contains("sigmas") && unknown.getMessage().contains("sigma"),
        unknown.getMessage());
    IllegalArgumentException chains =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingMethodProvider.byName("ml").create(Options.parse("ml", "chains=buffer")));
    assertTrue(chains.getMessage().contains("replay"), chains.getMessage());
    IllegalArgumentException icd =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TrainingMethodProvider.byName("improved-cd")
                    .create(Options.parse("improved-cd", "chains=data")));
    assertTrue(icd.getMessage().contains("chains=replay"), icd.getMessage());
  }

  /**
   * Every method (and every chain source) builds and runs a few steps on the same model through one
   * interface.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "esm|",
        "ssm|probes=2,distribution=rademacher",
        "ssm-vr|probes=2,distribution=gaussian",
        "dsm|sigma=0.2",
        "nce|nu=2",
        "ml|chains=data,steps=5",
        "ml|chains=persistent,steps=5",
        "ml|chains=noise,steps=5,alpha=0.1",
        "ml|chains=replay,steps=5,buffer=64,grad_clip=1,clamp_low=-3,clamp_high=3",
        "improved-cd|steps=5,buffer=64,entropy_references=32,transition=jitter"
      })
  void everyMethodTrainsThroughTheSameInterface(String spec) throws Exception {
    String[] parts = spec.split("\\|", -1);
    EnergyModel model = new MlpEnergy(Shape.of(2), new int[] {16}, Activation.SWISH, false);
    Dataset data = Dataset.of(sample(), Shape.of(2));
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 1)) {
      TrainingMethod method =
          TrainingMethodProvider.byName(parts[0]).create(Options.parse(parts[0], parts[1]));
      TrainingProgram<TFloat32> program =
          TrainingProgram.build(
              graph,
              model,
              method,
              ProgramConfig.of(OptimizerConfig.adam(1e-3)),
              DataStatistics.of(data),
              32);
      TrainingSummary summary =
          new Trainer<>(
                  program, new Batcher(data, 32, 1, true), TrainerConfig.inMemory(5), List.of())
              .train();
      assertTrue(Double.isFinite(summary.lastLoss()), spec + " gave loss " + summary.lastLoss());
      assertEquals(5, summary.lastStep());
    }
  }

  /** 256 points of N(0, I₂) from seed 4, the data of these tests and StepsPerRunMethodsTest. */
  static double[] sample() {
    double[] points = new double[2 * 256];
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    for (int i = 0; i < points.length; i++) {
      points[i] = random.nextGaussian();
    }
    return points;
  }

  private static void build(EnergyModel model, String method, String options) {
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      TrainingProgram.build(
          graph,
          model,
          TrainingMethodProvider.byName(method).create(Options.parse(method, options)),
          ProgramConfig.of(OptimizerConfig.adam(1e-3)),
          DataStatistics.of(Dataset.of(sample(), Shape.of(2))),
          16);
    }
  }
}
