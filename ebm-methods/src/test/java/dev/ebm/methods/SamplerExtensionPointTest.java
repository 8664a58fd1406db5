package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.sampling.SamplerProvider;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.train.TrainingSummary;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.NoiseConditionalEnergy;
import dev.ebm.models.layers.Activation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Samplers are found by name, and maximum-likelihood training takes its chains through them: a
 * noise-conditional energy trains with annealed Langevin chains, a plain one is refused by that
 * sampler, and improved CD, which differentiates through the last Langevin step, asks for Langevin.
 */
class SamplerExtensionPointTest {

  private static Dataset data() {
    SplittableRandom random = new SplittableRandom(4);
    double[] points = new double[2 * 256];
    for (int i = 0; i < points.length; i++) {
      points[i] = random.nextGaussian();
    }
    return Dataset.of(points, Shape.of(2));
  }

  private static TrainingSummary train(EnergyModel model, String method, String options)
      throws Exception {
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 1)) {
      TrainingProgram<TFloat32> program =
          TrainingProgram.build(
              graph,
              model,
              TrainingMethodProvider.byName(method).create(Options.parse(method, options)),
              ProgramConfig.of(OptimizerConfig.adam(1e-3)),
              DataStatistics.of(data()),
              32);
      return new Trainer<>(
              program, new Batcher(data(), 32, 1, true), TrainerConfig.inMemory(3), List.of())
          .train();
    }
  }

  @Test
  void theShippedSamplersAreFoundByName() {
    List<String> names = SamplerProvider.all().stream().map(SamplerProvider::name).toList();
    assertTrue(
        names.containsAll(List.of("langevin", "annealed-langevin", "mala", "hmc")),
        names.toString());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> SamplerProvider.byName("nuts"));
    assertTrue(unknown.getMessage().contains("annealed-langevin"), unknown.getMessage());
  }

  @Test
  void maximumLikelihoodTakesItsChainsThroughTheNamedSampler() throws Exception {
    String annealed =
        "chains=noise,sampler=annealed-langevin,sigma_max=1,sigma_min=0.1,levels=3,steps_per_level=4,epsilon=0.01";
    EnergyModel conditional =
        new NoiseConditionalEnergy(
            new MlpEnergy(Shape.of(2), new int[] {8}, Activation.SWISH, false), 0.1);
    TrainingSummary summary = train(conditional, "ml", annealed);
    assertEquals(3, summary.lastStep());
    assertTrue(Double.isFinite(summary.lastLoss()));

    EnergyModel plain = new MlpEnergy(Shape.of(2), new int[] {8}, Activation.SWISH, false);
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> train(plain, "ml", annealed));
    assertTrue(refused.getMessage().contains("noise-conditional"), refused.getMessage());

    TrainingSummary adjusted = train(plain, "ml", "chains=noise,sampler=mala,steps=10,adapt=5");
    assertEquals(3, adjusted.lastStep());
    assertTrue(Double.isFinite(adjusted.lastLoss()));

    IllegalArgumentException icd =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TrainingMethodProvider.byName("improved-cd")
                    .create(Options.parse("improved-cd", "sampler=annealed-langevin")));
    assertTrue(icd.getMessage().contains("use sampler=langevin"), icd.getMessage());
  }
}
